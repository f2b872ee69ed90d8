-- Self-hosted Sentry 25.10 (migration head sentry 0991_projectownership_json_field, hybridcloud
-- 0023_correct_webhook_payload_constraint): the configuration tables of a fresh install.
--
-- Profile "25.8+". Derived, not dumped from a live install: the 24.x fixture with the DDL of
-- the later migrations that touch these tables applied on top, then pg_dump'ed
-- (scripts/build-schema-fixtures.sh). A fresh 25.10 install runs the 0904 squash, which creates
-- tables from Django's state: so the leftovers an upgraded database still carries
-- (sentry_actor, sentry_team.org_role; see sentry-24.x.sql) are dropped at the end. Column order
-- and index names follow the upgrade path, not the squash (cosmetic).
--
-- Differences from 24.x and where each comes from (reference = shared/reference/selfhosted-schema.md;
-- migration dates map to the first self-hosted release after them, reference §0):
--   sentry_project.slug varchar(100)                            0770 (≈24.10); reference §2.8
--   sentry_project.external_id varchar(256) NULL, UNIQUE (organization_id, external_id)
--                                                               0830, 0831 (≈25.3); reference §2.8
--   sentry_organizationmemberinvite (new)                       getsentry/sentry#86713 (2025-03); reference §2.6
--   INDEX sentry_proj_key_2426c1_idx ON sentry_projectoptions(key)   reference §2.11 [Q25]; migration not identified
--   auth_user.email varchar(200)                                0908 (2025-05-21); reference §0, §2.1
--   sentry_organizationmember_teams.is_active DEFAULT true      0910; reference §2.7
--   sentry_useremail.email varchar(200)                         0911 (the reference §2.2 still says 75)
--   sentry_organizationmember_teamsreplica.is_active DEFAULT true    0912
--   sentry_organizationmember.user_email varchar(200)           0914; reference §2.6
--   auth_user.email_unique varchar(200) NULL UNIQUE             0915; reference §2.1
--   sentry_project.slug NOT NULL                                0919 (≈25.7); reference §2.8
--   sentry_organizationoptions.value, sentry_projectoptions.value NULL    0934 (≈25.7); reference §2.4, §2.11
--   sentry_project.flags, auth_user.flags NOT NULL              0944 (≈25.8); reference §2.1, §2.8
--   sentry_organizationoptions.value jsonb                      0955 (2025-07-24, ≈25.8); reference §4.1
--   sentry_projectoptions.value: jsonb by 0960 (2025-07-29) and back to TEXT by
--     0962_json_fields_too_big (2025-08-04), both before 25.8.0 (2025-08-15). So project options
--     stay JSON text; the reference §2.11/§4.1 stops at 0960. A database that ran 0960 but not
--     0962 had jsonb: projectoptions-jsonb.sql turns a loaded fixture into that shape.
--   sentry_regionscheduleddeletion.data jsonb                  0963_scheduleddeletion_json_field (2025-08-06)
--   sentry_controloutbox/sentry_regionoutbox.payload jsonb     0974 (2025-08-14, ≈25.9); reference §10.2
--   sentry_projectownership.schema jsonb                        0991 (2025-09-19, ≈25.10); reference §2.12
--   sentry_actor table and sentry_team.org_role absent (fresh install from the 0904 squash)
--   sentry_environment.project_id (legacy, NULL) dropped       0887 (2025-05-13); reference settings.md §6
-- Unchanged: sentry_projectkey.data text (0967 keeps it a text JSON field; reference §10.2),
-- sentry_organizationmember.email varchar(75), sentry_email (citext), the mapping, slug
-- reservation, replica and template tables.

-- 0770_increase_project_slug_max_length
ALTER TABLE "sentry_project" ALTER COLUMN "slug" TYPE varchar(100);

-- 0830_add_external_id_to_project, 0831_add_index_external_id_organization_to_project
ALTER TABLE "sentry_project" ADD COLUMN "external_id" varchar(256) NULL;
ALTER TABLE "sentry_project" ADD CONSTRAINT "sentry_project_organization_id_external_id_c740d9a5_uniq" UNIQUE ("organization_id", "external_id");

-- OrganizationMemberInvite (getsentry/sentry#86713; in the 0904 squash)
CREATE TABLE "sentry_organizationmemberinvite" (
    "id" bigserial NOT NULL PRIMARY KEY,
    "date_updated" timestamp with time zone NOT NULL,
    "date_added" timestamp with time zone NOT NULL,
    "inviter_id" bigint NULL,
    "invite_status" smallint NOT NULL CHECK ("invite_status" >= 0),
    "email" varchar(75) NOT NULL,
    "role" varchar(32) NOT NULL,
    "organization_member_team_data" jsonb NOT NULL,
    "token" varchar(64) NOT NULL UNIQUE,
    "token_expires_at" timestamp with time zone NOT NULL,
    "sso_linked" boolean NOT NULL,
    "sso_invalid" boolean NOT NULL,
    "member_limit_restricted" boolean NOT NULL,
    "idp_provisioned" boolean DEFAULT false NOT NULL,
    "idp_role_restricted" boolean NOT NULL,
    "partnership_restricted" boolean NOT NULL,
    "organization_id" bigint NOT NULL,
    "organization_member_id" bigint NOT NULL
);
ALTER TABLE "sentry_organizationmemberinvite" ADD CONSTRAINT "sentry_organizationmembe_organization_id_email_6b0f9ff6_uniq" UNIQUE ("organization_id", "email");
ALTER TABLE "sentry_organizationmemberinvite" ADD CONSTRAINT "sentry_organizationm_organization_id_4760cb00_fk_sentry_or" FOREIGN KEY ("organization_id") REFERENCES "sentry_organization" ("id") DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "sentry_organizationmemberinvite" ADD CONSTRAINT "sentry_organizationm_organization_member__55795553_fk_sentry_or" FOREIGN KEY ("organization_member_id") REFERENCES "sentry_organizationmember" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "sentry_organizationmemberinvite_inviter_id_af7e9bae" ON "sentry_organizationmemberinvite" ("inviter_id");
CREATE INDEX "sentry_organizationmemberinvite_token_df85f261_like" ON "sentry_organizationmemberinvite" ("token" varchar_pattern_ops);
CREATE INDEX "sentry_organizationmemberinvite_organization_id_4760cb00" ON "sentry_organizationmemberinvite" ("organization_id");
CREATE INDEX "sentry_organizationmemberinvite_organization_member_id_55795553" ON "sentry_organizationmemberinvite" ("organization_member_id");

-- ProjectOption index on key (present in the 0904 squash)
CREATE INDEX "sentry_proj_key_2426c1_idx" ON "sentry_projectoptions" ("key");

-- 0908_increase_email_field_length
ALTER TABLE "auth_user" ALTER COLUMN "email" TYPE varchar(200);
-- 0910_make_organizationmemberteam_is_active_default
ALTER TABLE "sentry_organizationmember_teams" ALTER COLUMN "is_active" SET DEFAULT true;
-- 0911_increase_email_model_email_field_length (sentry_email.email is citext: no length)
ALTER TABLE "sentry_useremail" ALTER COLUMN "email" TYPE varchar(200);
-- 0912_make_organizationmemberteam_replica_is_active_true
ALTER TABLE "sentry_organizationmember_teamsreplica" ALTER COLUMN "is_active" SET DEFAULT true;
-- 0914_increase_orgmember_user_email_max_length
ALTER TABLE "sentry_organizationmember" ALTER COLUMN "user_email" TYPE varchar(200);
-- 0915_add_user_email_unique_column
ALTER TABLE "auth_user" ADD COLUMN "email_unique" varchar(200) NULL UNIQUE;
CREATE INDEX "auth_user_email_unique_4cbafa37_like" ON "auth_user" ("email_unique" varchar_pattern_ops);
-- 0919_project_slug_non_null
ALTER TABLE "sentry_project" ALTER COLUMN "slug" SET NOT NULL;
-- 0934_options_nullable_value
ALTER TABLE "sentry_organizationoptions" ALTER COLUMN "value" DROP NOT NULL;
ALTER TABLE "sentry_projectoptions" ALTER COLUMN "value" DROP NOT NULL;
-- 0944_flags_not_null
ALTER TABLE "sentry_project" ALTER COLUMN "flags" SET NOT NULL;
ALTER TABLE "auth_user" ALTER COLUMN "flags" SET NOT NULL;
-- 0955_org_option_json_field
ALTER TABLE "sentry_organizationoptions" ALTER COLUMN "value" TYPE jsonb USING "value"::jsonb;
-- 0960_project_option_json_field, then 0962_json_fields_too_big
ALTER TABLE "sentry_projectoptions" ALTER COLUMN "value" TYPE jsonb USING "value"::jsonb;
ALTER TABLE "sentry_projectoptions" ALTER COLUMN "value" TYPE text;
-- 0963_scheduleddeletion_json_field (0929's to_jsonb)
ALTER TABLE "sentry_regionscheduleddeletion" ALTER COLUMN "data" TYPE jsonb USING "data"::jsonb;
-- 0974_hc_json_field
ALTER TABLE "sentry_controloutbox" ALTER COLUMN "payload" TYPE jsonb USING "payload"::jsonb;
ALTER TABLE "sentry_regionoutbox" ALTER COLUMN "payload" TYPE jsonb USING "payload"::jsonb;
-- 0991_projectownership_json_field
ALTER TABLE "sentry_projectownership" ALTER COLUMN "schema" TYPE jsonb USING "schema"::jsonb;

-- Fresh install: the 0904 squash never creates what Django's state had already forgotten, and
-- it declares the outbox default as db_default=Now() (STATEMENT_TIMESTAMP()) instead of 0535's NOW().
-- 0887: the legacy sentry_environment.project_id column
ALTER TABLE "sentry_environment" DROP COLUMN "project_id";

DROP TABLE "sentry_actor";
ALTER TABLE "sentry_team" DROP COLUMN "org_role";
ALTER TABLE "sentry_controloutbox" ALTER COLUMN "date_added" SET DEFAULT STATEMENT_TIMESTAMP();
ALTER TABLE "sentry_regionoutbox" ALTER COLUMN "date_added" SET DEFAULT STATEMENT_TIMESTAMP();

-- django_migrations of a fresh install: Django's apps, the squashes' replaced names (only the
-- first and last are listed for 0001_squashed_0904; ids leave the gap), every sentry migration
-- 0905…0991 by name, and the squash rows Django records last (check_replacements). The
-- hybridcloud squash 0001_squashed_0021 (listed: its last replaced name and the squash row) is
-- inferred from its presence in the later 0030 squash.
DELETE FROM "django_migrations";
INSERT INTO "django_migrations" ("id", "app", "name", "applied") VALUES
    (1, 'contenttypes', '0001_initial', '2025-10-20 08:00:00+00'),
    (2, 'auth', '0001_initial', '2025-10-20 08:00:00+00'),
    (3, 'contenttypes', '0002_remove_content_type_name', '2025-10-20 08:00:00+00'),
    (4, 'auth', '0002_alter_permission_name_max_length', '2025-10-20 08:00:00+00'),
    (5, 'auth', '0003_alter_user_email_max_length', '2025-10-20 08:00:00+00'),
    (6, 'auth', '0004_alter_user_username_opts', '2025-10-20 08:00:00+00'),
    (7, 'auth', '0005_alter_user_last_login_null', '2025-10-20 08:00:00+00'),
    (8, 'auth', '0006_require_contenttypes_0002', '2025-10-20 08:00:00+00'),
    (9, 'auth', '0007_alter_validators_add_error_messages', '2025-10-20 08:00:00+00'),
    (10, 'auth', '0008_alter_user_username_max_length', '2025-10-20 08:00:00+00'),
    (11, 'auth', '0009_alter_user_last_name_max_length', '2025-10-20 08:00:00+00'),
    (12, 'auth', '0010_alter_group_name_max_length', '2025-10-20 08:00:00+00'),
    (13, 'auth', '0011_update_proxy_permissions', '2025-10-20 08:00:00+00'),
    (14, 'auth', '0012_alter_user_first_name_max_length', '2025-10-20 08:00:00+00'),
    (15, 'sessions', '0001_initial', '2025-10-20 08:00:00+00'),
    (16, 'sites', '0001_initial', '2025-10-20 08:00:00+00'),
    (17, 'sites', '0002_alter_domain_unique', '2025-10-20 08:00:00+00'),
    (18, 'sentry', '0001_squashed_0834_add_index_on_authidentity_last_synced', '2025-10-20 08:00:05+00'),
    (87, 'sentry', '0904_onboarding_task_project_id_idx', '2025-10-20 08:00:05+00'),
    (88, 'hybridcloud', '0021_django_arrayfield_scope_list', '2025-10-20 08:00:06+00'),
    (89, 'sentry', '0905_fix_workflow_engine_cycle', '2025-10-20 08:00:07+00'),
    (90, 'sentry', '0906_django_arrayfield_users', '2025-10-20 08:00:07+00'),
    (91, 'sentry', '0907_sentry_apps_array', '2025-10-20 08:00:07+00'),
    (92, 'sentry', '0908_increase_email_field_length', '2025-10-20 08:00:07+00'),
    (93, 'sentry', '0909_django_array_field_not_release', '2025-10-20 08:00:07+00'),
    (94, 'sentry', '0910_make_organizationmemberteam_is_active_default', '2025-10-20 08:00:07+00'),
    (95, 'sentry', '0911_increase_email_model_email_field_length', '2025-10-20 08:00:07+00'),
    (96, 'sentry', '0912_make_organizationmemberteam_replica_is_active_true', '2025-10-20 08:00:07+00'),
    (97, 'sentry', '0913_split_discover_dataset_dashboards_self_hosted', '2025-10-20 08:00:07+00'),
    (98, 'sentry', '0914_increase_orgmember_user_email_max_length', '2025-10-20 08:00:07+00'),
    (99, 'sentry', '0915_add_user_email_unique_column', '2025-10-20 08:00:07+00'),
    (100, 'sentry', '0916_delete_open_period_rows', '2025-10-20 08:00:07+00'),
    (101, 'sentry', '0917_convert_org_saved_searches_to_views', '2025-10-20 08:00:07+00'),
    (102, 'sentry', '0918_sentry_release_arrayfield', '2025-10-20 08:00:07+00'),
    (103, 'sentry', '0919_project_slug_non_null', '2025-10-20 08:00:07+00'),
    (104, 'sentry', '0920_convert_org_saved_searches_to_views_revised', '2025-10-20 08:00:07+00'),
    (105, 'sentry', '0921_convert_org_saved_searches_to_views_rerevised', '2025-10-20 08:00:07+00'),
    (106, 'sentry', '0922_dashboard_starred_add_position_column_and_constraint', '2025-10-20 08:00:07+00'),
    (107, 'sentry', '0923_dashboard_starred_backfill_orgs', '2025-10-20 08:00:07+00'),
    (108, 'sentry', '0924_dashboard_add_unique_constraint_for_user_org_position', '2025-10-20 08:00:07+00'),
    (109, 'sentry', '0925_backfill_open_periods', '2025-10-20 08:00:07+00'),
    (110, 'sentry', '0926_dashboard_favorite_defer_position_constraint', '2025-10-20 08:00:07+00'),
    (111, 'sentry', '0927_dashboard_add_unique_constraint_user_dashboard', '2025-10-20 08:00:07+00'),
    (112, 'sentry', '0928_move_notifications_models', '2025-10-20 08:00:07+00'),
    (113, 'sentry', '0929_no_pickle_authenticator', '2025-10-20 08:00:07+00'),
    (114, 'sentry', '0930_make_open_period_range_boundary_inclusive', '2025-10-20 08:00:07+00'),
    (115, 'sentry', '0931_add_hit_counter_columns_to_grouptombstone', '2025-10-20 08:00:07+00'),
    (116, 'sentry', '0932_update_grouptombstone_with_auto_now_add', '2025-10-20 08:00:07+00'),
    (117, 'sentry', '0933_add_has_agents_insights_flag', '2025-10-20 08:00:07+00'),
    (118, 'sentry', '0934_options_nullable_value', '2025-10-20 08:00:07+00'),
    (119, 'sentry', '0935_drop_old_openperiod_exclusion_constraint', '2025-10-20 08:00:07+00'),
    (120, 'sentry', '0936_prompts_activity_index', '2025-10-20 08:00:07+00'),
    (121, 'sentry', '0937_fix_defaults', '2025-10-20 08:00:07+00'),
    (122, 'sentry', '0938_rm_eventattachment_fileid_part1', '2025-10-20 08:00:07+00'),
    (123, 'sentry', '0939_rm_eventattachment_fileid_part2', '2025-10-20 08:00:07+00'),
    (124, 'sentry', '0940_auditlog_json_field', '2025-10-20 08:00:07+00'),
    (125, 'sentry', '0941_create_temporary_verification_code_table', '2025-10-20 08:00:07+00'),
    (126, 'sentry', '0942_dashboard_remove_extra_user_org_position_constraint', '2025-10-20 08:00:07+00'),
    (127, 'sentry', '0943_create_data_access_grant', '2025-10-20 08:00:07+00'),
    (128, 'sentry', '0944_flags_not_null', '2025-10-20 08:00:07+00'),
    (129, 'sentry', '0945_move_discover_models', '2025-10-20 08:00:07+00'),
    (130, 'sentry', '0946_add_has_mcp_insights_flag', '2025-10-20 08:00:07+00'),
    (131, 'sentry', '0947_add_dashboard_last_visited_model', '2025-10-20 08:00:07+00'),
    (132, 'sentry', '0948_ds_waiver_org_fk_not_db_constr', '2025-10-20 08:00:07+00'),
    (133, 'sentry', '0949_add_dashboard_widget_snapshot_model', '2025-10-20 08:00:07+00'),
    (134, 'sentry', '0950_safe_del_dswaiver', '2025-10-20 08:00:07+00'),
    (135, 'sentry', '0951_delete_ds_waiver', '2025-10-20 08:00:07+00'),
    (136, 'sentry', '0952_fix_span_item_event_type_alerts', '2025-10-20 08:00:07+00'),
    (137, 'sentry', '0953_make_releasefiles_tti', '2025-10-20 08:00:07+00'),
    (138, 'sentry', '0954_user_option_json_field', '2025-10-20 08:00:07+00'),
    (139, 'sentry', '0955_org_option_json_field', '2025-10-20 08:00:07+00'),
    (140, 'sentry', '0956_add_group_by_to_snuba_query', '2025-10-20 08:00:07+00'),
    (141, 'sentry', '0957_projecttemplateoption_json', '2025-10-20 08:00:07+00'),
    (142, 'sentry', '0958_base_option_json_field', '2025-10-20 08:00:07+00'),
    (143, 'sentry', '0959_add_has_logs_bit_to_project_model', '2025-10-20 08:00:07+00'),
    (144, 'sentry', '0960_project_option_json_field', '2025-10-20 08:00:07+00'),
    (145, 'sentry', '0961_identity_json_field', '2025-10-20 08:00:07+00'),
    (146, 'sentry', '0962_json_fields_too_big', '2025-10-20 08:00:07+00'),
    (147, 'sentry', '0963_scheduleddeletion_json_field', '2025-10-20 08:00:07+00'),
    (148, 'sentry', '0964_add_commitcomparison_table', '2025-10-20 08:00:07+00'),
    (149, 'sentry', '0965_gzippeddict_big_tables', '2025-10-20 08:00:07+00'),
    (150, 'sentry', '0966_groupopenperiod_data_pending_inc_detector_id_index', '2025-10-20 08:00:07+00'),
    (151, 'sentry', '0967_large_tables_legacy_json_field', '2025-10-20 08:00:07+00'),
    (152, 'sentry', '0968_delete_dashboardwidgetsnapshot_db_constraint', '2025-10-20 08:00:07+00'),
    (153, 'sentry', '0969_safe_del_dashboardwidgetsnapshot', '2025-10-20 08:00:07+00'),
    (154, 'sentry', '0970_remove_pullrequestcommit_fk_constraint', '2025-10-20 08:00:07+00'),
    (155, 'sentry', '0971_make_dashboard_widget_order_optional_field', '2025-10-20 08:00:07+00'),
    (156, 'sentry', '0972_commit_comparison_drop_unique', '2025-10-20 08:00:07+00'),
    (157, 'sentry', '0973_safe_del_dashboardwidgetsnapshot', '2025-10-20 08:00:07+00'),
    (158, 'sentry', '0974_hc_json_field', '2025-10-20 08:00:07+00'),
    (159, 'sentry', '0975_grouplink_json_field', '2025-10-20 08:00:07+00'),
    (160, 'sentry', '0976_sentry_app_json_field', '2025-10-20 08:00:07+00'),
    (161, 'sentry', '0977_commitfilechange_break_commit_fk', '2025-10-20 08:00:07+00'),
    (162, 'sentry', '0978_break_commit_fks', '2025-10-20 08:00:07+00'),
    (163, 'sentry', '0979_add_apiapplication_version', '2025-10-20 08:00:07+00'),
    (164, 'sentry', '0980_integrations_json_field', '2025-10-20 08:00:07+00'),
    (165, 'sentry', '0981_add_dashboard_migration_fields', '2025-10-20 08:00:07+00'),
    (166, 'sentry', '0982_redirect_fk_and_date', '2025-10-20 08:00:07+00'),
    (167, 'sentry', '0983_create_groupopenperiodactivity_table', '2025-10-20 08:00:07+00'),
    (168, 'sentry', '0984_authprovider_json_field', '2025-10-20 08:00:07+00'),
    (169, 'sentry', '0985_add_timestamp_to_grouphash_table', '2025-10-20 08:00:07+00'),
    (170, 'sentry', '0986_add_future_release_version_to_groupresolution', '2025-10-20 08:00:07+00'),
    (171, 'sentry', '0987_authidentity_json_field', '2025-10-20 08:00:07+00'),
    (172, 'sentry', '0988_data_forwarding', '2025-10-20 08:00:07+00'),
    (173, 'sentry', '0989_add_release_date_added_idx', '2025-10-20 08:00:07+00'),
    (174, 'sentry', '0990_groupowner_json_field', '2025-10-20 08:00:07+00'),
    (175, 'sentry', '0991_projectownership_json_field', '2025-10-20 08:00:07+00'),
    (176, 'hybridcloud', '0022_webhook_payload_update', '2025-10-20 08:00:08+00'),
    (177, 'hybridcloud', '0023_correct_webhook_payload_constraint', '2025-10-20 08:00:08+00'),
    (178, 'sentry', '0001_squashed_0904_onboarding_task_project_id_idx', '2025-10-20 08:00:09+00'),
    (179, 'hybridcloud', '0001_squashed_0021_django_arrayfield_scope_list', '2025-10-20 08:00:09+00');
SELECT setval('django_migrations_id_seq', 179);
