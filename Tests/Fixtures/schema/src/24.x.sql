-- Self-hosted Sentry ≈24.9 (migration head sentry 0752_fix_substatus_for_unresolved_groups,
-- hybridcloud 0016_add_control_cacheversion): the configuration tables.
--
-- Profile 24.x. Derived, not dumped from a live 24.x install: the 23.7.1 dump with the DDL of
-- every later migration (up to 0752) that touches these tables applied on top, then pg_dump'ed
-- (scripts/build-schema-fixtures.sh). A 24.9 install, fresh or upgraded, reaches this shape the
-- same way: the 0834 squash did not exist yet, so it ran 0001_squashed_0484 and then 0485…0752.
--
-- Differences from 23.7.1 and where each comes from (reference = shared/reference/selfhosted-schema.md):
--   auth_user.is_unclaimed boolean NOT NULL DEFAULT false      0548 (2023-09-07); reference §2.1
--   sentry_controloutbox/sentry_regionoutbox.date_added
--     timestamptz NOT NULL DEFAULT now()                        0535 (2023-08-18); reference §2.13
--   outbox and member-mapping indexes renamed                   0640_index_together (2024-01-31)
--   sentry_teamreplica (new)                                    0554 (2023-09-14); reference §2.13
--   sentry_organizationmember_teamsreplica (new, integer id)    0558 (2023-09-16); reference §1, §2.13
--   sentry_organizationslugreservation (new; user_id NULL)      0567, 0606 (2023-09/11); reference §2.13
--   hybridcloud_organizationslugreservationreplica (new)        hybridcloud 0002, 0009; reference §2.13
--   sentry_organizationmapping: require_2fa, early_adopter, allow_joinleave, enhanced_privacy,
--     disable_shared_issues, disable_new_visibility_features, require_email_verification,
--     codecov_access, disable_member_project_creation, prevent_superuser_access,
--     disable_member_invite, all boolean NOT NULL DEFAULT false
--                                                               0556, 0583, 0746, 0750; reference §2.13
--   sentry_projectkey.use_case varchar(32) NOT NULL DEFAULT 'user'   0658 (2024-02-21); reference §2.10
--   sentry_team.actor_id dropped (and its FK)                   0713, 0720 (2024-05); reference §2.5
--   sentry_actor: FK to sentry_team dropped; the TABLE STAYS    0715, 0716 (state-only delete)
--   sentry_team.org_role: KEPT in the database                  0667 removes it from Django's state
--     only (database_operations=[]); the reference's "dropped" is the ORM's view.
--   sentry_project.template_id bigint NULL FK → sentry_projecttemplate (new)
--                                                               0723 (2024-05-15); reference §2.8
--   sentry_project.slug stays varchar(50) NULL: 0770_increase_project_slug_max_length comes after
--     0752 (reference §2.8 dates the 100-char change ≈24.10).
-- Unchanged: option values text NOT NULL (reference §4.1), ownership schema text, e-mails 75.
-- sentry_projecttemplate is here only because sentry_project.template_id references it
-- (its sibling sentry_projecttemplateoption is left out).

-- 0535_add_created_date_to_outbox_model
ALTER TABLE "sentry_controloutbox" ADD COLUMN "date_added" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW();
ALTER TABLE "sentry_regionoutbox" ADD COLUMN "date_added" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW();

-- 0548_add_is_unclaimed_boolean_to_user
ALTER TABLE "auth_user" ADD COLUMN "is_unclaimed" boolean NOT NULL DEFAULT FALSE;

-- 0554_add_team_replica
CREATE TABLE "sentry_teamreplica" (
    "id" bigserial NOT NULL PRIMARY KEY,
    "team_id" bigint NOT NULL,
    "organization_id" bigint NOT NULL,
    "slug" varchar(50) NOT NULL,
    "name" varchar(64) NOT NULL,
    "status" integer NOT NULL CHECK ("status" >= 0),
    "date_added" timestamp with time zone NOT NULL,
    "org_role" varchar(32) NULL
);
ALTER TABLE "sentry_teamreplica" ADD CONSTRAINT "sentry_teamreplica_organization_id_slug_9e2a293d_uniq" UNIQUE ("organization_id", "slug");
CREATE INDEX "sentry_teamreplica_team_id_e9584325" ON "sentry_teamreplica" ("team_id");
CREATE INDEX "sentry_teamreplica_organization_id_e79b7cbc" ON "sentry_teamreplica" ("organization_id");
CREATE INDEX "sentry_teamreplica_slug_67131910" ON "sentry_teamreplica" ("slug");
CREATE INDEX "sentry_teamreplica_slug_67131910_like" ON "sentry_teamreplica" ("slug" varchar_pattern_ops);

-- 0556_organizationmapping_replicate_require_2fa
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "require_2fa" boolean NOT NULL DEFAULT FALSE;

-- 0558_add_organization_member_team_replica (BoundedAutoField: integer id)
CREATE TABLE "sentry_organizationmember_teamsreplica" (
    "id" serial NOT NULL PRIMARY KEY,
    "team_id" bigint NOT NULL,
    "organization_id" bigint NOT NULL,
    "organizationmember_id" bigint NOT NULL,
    "organizationmemberteam_id" bigint NOT NULL,
    "is_active" boolean NOT NULL,
    "role" varchar(32) NULL,
    "date_added" timestamp with time zone NOT NULL
);
ALTER TABLE "sentry_organizationmember_teamsreplica" ADD CONSTRAINT "sentry_organizationmembe_team_id_organizationmemb_c5998bfe_uniq" UNIQUE ("team_id", "organizationmember_id", "organization_id");
CREATE INDEX "sentry_organizationmember_teamsreplica_team_id_04124c43" ON "sentry_organizationmember_teamsreplica" ("team_id");
CREATE INDEX "sentry_organizationmember_teamsreplica_organization_id_6e2266e6" ON "sentry_organizationmember_teamsreplica" ("organization_id");
CREATE INDEX "sentry_organizationmember__organizationmember_id_3f1f3587" ON "sentry_organizationmember_teamsreplica" ("organizationmember_id");
CREATE INDEX "sentry_organizationmember__organizationmemberteam_id_9b6df5e1" ON "sentry_organizationmember_teamsreplica" ("organizationmemberteam_id");

-- 0567_add_slug_reservation_model, 0606 (user_id nullable)
CREATE TABLE "sentry_organizationslugreservation" (
    "id" bigserial NOT NULL PRIMARY KEY,
    "slug" varchar(50) NOT NULL UNIQUE,
    "organization_id" bigint NOT NULL,
    "user_id" bigint NULL,
    "region_name" varchar(48) NOT NULL,
    "reservation_type" bigint NOT NULL,
    "date_added" timestamp with time zone NOT NULL
);
ALTER TABLE "sentry_organizationslugreservation" ADD CONSTRAINT "sentry_organizationslugr_organization_id_reservat_dabb594e_uniq" UNIQUE ("organization_id", "reservation_type");
CREATE INDEX "sentry_organizationslugreservation_slug_46c15360_like" ON "sentry_organizationslugreservation" ("slug" varchar_pattern_ops);
CREATE INDEX "sentry_organizationslugreservation_organization_id_f1613a99" ON "sentry_organizationslugreservation" ("organization_id");
CREATE INDEX "sentry_organizationslugreservation_user_id_b94ead97" ON "sentry_organizationslugreservation" ("user_id");

-- hybridcloud 0002_add_slug_reservation_replica_model, 0009 (user_id nullable)
CREATE TABLE "hybridcloud_organizationslugreservationreplica" (
    "id" bigserial NOT NULL PRIMARY KEY,
    "organization_slug_reservation_id" bigint NOT NULL UNIQUE,
    "slug" varchar(50) NOT NULL UNIQUE,
    "organization_id" bigint NOT NULL,
    "user_id" bigint NULL,
    "region_name" varchar(48) NOT NULL,
    "reservation_type" bigint NOT NULL,
    "date_added" timestamp with time zone NOT NULL
);
ALTER TABLE "hybridcloud_organizationslugreservationreplica" ADD CONSTRAINT "hybridcloud_organization_organization_id_reservat_e2a8c662_uniq" UNIQUE ("organization_id", "reservation_type");
CREATE INDEX "hybridcloud_organization_slug_43bdcd5f_like" ON "hybridcloud_organizationslugreservationreplica" ("slug" varchar_pattern_ops);
CREATE INDEX "hybridcloud_organizationsl_organization_id_65402054" ON "hybridcloud_organizationslugreservationreplica" ("organization_id");
CREATE INDEX "hybridcloud_organizationslugreservationreplica_user_id_d90539c7" ON "hybridcloud_organizationslugreservationreplica" ("user_id");

-- 0583_add_early_adopter_to_organization_mapping
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "early_adopter" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "allow_joinleave" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "enhanced_privacy" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "disable_shared_issues" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "disable_new_visibility_features" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "require_email_verification" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "codecov_access" BOOLEAN NOT NULL DEFAULT false;

-- 0640_index_together (RenameIndex of the index_together indexes on these tables)
ALTER INDEX "sentry_controloutbox_region_name_shard_scope__3ab080ca_idx" RENAME TO "sentry_cont_region__0c4512_idx";
ALTER INDEX "sentry_controloutbox_region_name_shard_scope__4e3255a0_idx" RENAME TO "sentry_cont_region__a95d82_idx";
ALTER INDEX "sentry_controloutbox_region_name_shard_scope__db82084e_idx" RENAME TO "sentry_cont_region__1c1c72_idx";
ALTER INDEX "sentry_organizationmembe_organization_id_user_id_feb6bdf0_idx" RENAME TO "sentry_orga_organiz_ae9fe7_idx";
ALTER INDEX "sentry_organizationmembe_organization_id_email_66a560fc_idx" RENAME TO "sentry_orga_organiz_7de26b_idx";
ALTER INDEX "sentry_regionoutbox_shard_scope_shard_identi_ec4e1f4f_idx" RENAME TO "sentry_regi_shard_s_e7412f_idx";
ALTER INDEX "sentry_regionoutbox_shard_scope_shard_identi_80a8a166_idx" RENAME TO "sentry_regi_shard_s_bfff84_idx";
ALTER INDEX "sentry_regionoutbox_shard_scope_shard_identi_bc439563_idx" RENAME TO "sentry_regi_shard_s_cd9995_idx";

-- 0658_projectkey_usecase
ALTER TABLE "sentry_projectkey" ADD COLUMN "use_case" VARCHAR(32) NOT NULL DEFAULT 'user';

-- 0667_drop_django_team_org_role_column: state only, nothing in the database.

-- 0713_team_remove_actor_state
ALTER TABLE "sentry_team" DROP CONSTRAINT IF EXISTS "sentry_team_actor_idx_fk_sentry_actor_id";

-- 0715_remove_actormodel_constraints (the two *_uniq names are indexes, not constraints, so
-- the DROP CONSTRAINT IF EXISTS lines leave them in place, as they do on a real install)
ALTER TABLE "sentry_actor" DROP CONSTRAINT IF EXISTS "sentry_actor_team_id_6ca8eba5_fk_sentry_team_id";
ALTER TABLE "sentry_actor" DROP CONSTRAINT IF EXISTS "sentry_actor_team_id_6ca8eba5_uniq";
DROP INDEX IF EXISTS "sentry_actor_team_id_6ca8eba5_like";
ALTER TABLE "sentry_actor" DROP CONSTRAINT IF EXISTS "sentry_actor_user_id_c832ff63_uniq";
DROP INDEX IF EXISTS "sentry_actor_user_id_c832ff63_like";

-- 0716_remove_actormodel: state only.

-- 0720_remove_actor_columns
ALTER TABLE sentry_team DROP COLUMN actor_id;

-- 0723_project_template_models
CREATE TABLE "sentry_projecttemplate" (
    "id" bigserial NOT NULL PRIMARY KEY,
    "date_updated" timestamp with time zone NOT NULL,
    "date_added" timestamp with time zone NULL,
    "name" varchar(200) NOT NULL,
    "organization_id" bigint NOT NULL
);
ALTER TABLE "sentry_project" ADD COLUMN "template_id" bigint NULL;
ALTER TABLE "sentry_projecttemplate" ADD CONSTRAINT "unique_projecttemplate_name_per_org" UNIQUE ("name", "organization_id");
ALTER TABLE "sentry_projecttemplate" ADD CONSTRAINT "sentry_projecttempla_organization_id_b072f5c6_fk_sentry_or" FOREIGN KEY ("organization_id") REFERENCES "sentry_organization" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "sentry_projecttemplate_organization_id_b072f5c6" ON "sentry_projecttemplate" ("organization_id");
ALTER TABLE "sentry_project" ADD CONSTRAINT "sentry_project_template_id_67f0bec7_fk_sentry_pr" FOREIGN KEY ("template_id") REFERENCES "sentry_projecttemplate" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "sentry_project_template_id_67f0bec7" ON "sentry_project" ("template_id");

-- 0746_add_bitflags_to_hybrid_cloud
ALTER TABLE "sentry_organizationmapping"
    ADD COLUMN "disable_member_project_creation" boolean NOT NULL DEFAULT false,
    ADD COLUMN "prevent_superuser_access" boolean NOT NULL DEFAULT false;

-- 0750_disable_member_invite_in_hybrid_cloud
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "disable_member_invite" boolean NOT NULL DEFAULT false;

-- django_migrations: the rows an install adds on its way from 23.7.1 to 0752. Only the migrations
-- above (and the heads) are listed; ids leave gaps where the others ran.
INSERT INTO "django_migrations" ("id", "app", "name", "applied") VALUES
    (363, 'sentry', '0535_add_created_date_to_outbox_model', '2024-09-20 09:00:00+00'),
    (376, 'sentry', '0548_add_is_unclaimed_boolean_to_user', '2024-09-20 09:00:01+00'),
    (382, 'sentry', '0554_add_team_replica', '2024-09-20 09:00:01+00'),
    (384, 'sentry', '0556_organizationmapping_replicate_require_2fa', '2024-09-20 09:00:01+00'),
    (386, 'sentry', '0558_add_organization_member_team_replica', '2024-09-20 09:00:01+00'),
    (390, 'hybridcloud', '0001_add_api_key_replica', '2024-09-20 09:00:02+00'),
    (396, 'sentry', '0567_add_slug_reservation_model', '2024-09-20 09:00:02+00'),
    (401, 'hybridcloud', '0002_add_slug_reservation_replica_model', '2024-09-20 09:00:02+00'),
    (402, 'sentry', '0571_add_hybrid_cloud_foreign_key_to_slug_reservation', '2024-09-20 09:00:02+00'),
    (415, 'sentry', '0583_add_early_adopter_to_organization_mapping', '2024-09-20 09:00:03+00'),
    (440, 'sentry', '0606_update_user_to_optional_organization_slug_reservation', '2024-09-20 09:00:04+00'),
    (445, 'hybridcloud', '0009_make_user_id_optional_for_slug_reservation_replica', '2024-09-20 09:00:04+00'),
    (480, 'sentry', '0640_index_together', '2024-09-20 09:00:05+00'),
    (499, 'sentry', '0658_projectkey_usecase', '2024-09-20 09:00:06+00'),
    (508, 'sentry', '0667_drop_django_team_org_role_column', '2024-09-20 09:00:06+00'),
    (556, 'sentry', '0713_team_remove_actor_state', '2024-09-20 09:00:08+00'),
    (558, 'sentry', '0715_remove_actormodel_constraints', '2024-09-20 09:00:08+00'),
    (559, 'sentry', '0716_remove_actormodel', '2024-09-20 09:00:08+00'),
    (563, 'sentry', '0720_remove_actor_columns', '2024-09-20 09:00:08+00'),
    (566, 'sentry', '0723_project_template_models', '2024-09-20 09:00:08+00'),
    (580, 'hybridcloud', '0016_add_control_cacheversion', '2024-09-20 09:00:09+00'),
    (590, 'sentry', '0746_add_bitflags_to_hybrid_cloud', '2024-09-20 09:00:09+00'),
    (594, 'sentry', '0750_disable_member_invite_in_hybrid_cloud', '2024-09-20 09:00:09+00'),
    (596, 'sentry', '0752_fix_substatus_for_unresolved_groups', '2024-09-20 09:00:10+00');
SELECT setval('django_migrations_id_seq', 596);
