-- Self-hosted Sentry 26.x as a new install gets it today (migration head sentry
-- 1118_add_group_derived_data, hybridcloud 0030_remove_orgslugreservationreplica_delete):
-- the configuration tables.
--
-- Profile 26.x. Derived, not dumped from a live install: the 25.10 fixture with the DDL of the
-- later migrations that touch these tables applied on top, then pg_dump'ed
-- (scripts/build-schema-fixtures.sh). A new install runs the 0001_squashed_1118 squash; the
-- columns and types below match its CreateModel operations (getsentry/sentry
-- src/sentry/migrations/0001_squashed_1118_add_group_derived_data.py); column order and index
-- names follow the upgrade path (cosmetic).
--
-- Differences from 25.10 and where each comes from (reference = shared/reference/selfhosted-schema.md):
--   sentry_organizationmapping.date_updated timestamptz NOT NULL DEFAULT now(), with two
--     expression indexes                                        1009, 1036, 1048; reference §2.13
--   sentry_project.template_id and sentry_projecttemplate gone  1040, 1044, 1046; reference §2.8
--   sentry_projectkeymapping (new): public_key UNIQUE, UNIQUE (project_key_id, cell_name),
--     date_updated DEFAULT now()                                1041, 1050; reference §0, §2.10
--   region_name → cell_name (1047 mapping, 1049 slug reservation, 1051 control outbox) and
--     RegionOutbox → CellOutbox (1052): STATE ONLY. Each renames the Django field and keeps
--     db_column="region_name"; the table stays sentry_regionoutbox. The database columns are
--     still named region_name (reference §0 and §2.13 read these as column renames; the
--     migrations show AlterField(db_column="region_name") + RenameField, and the squash keeps
--     ("cell_name", CharField(db_column="region_name"))). Only sentry_projectkeymapping has a
--     real cell_name column.
--   auth_user.is_suspended boolean NOT NULL DEFAULT false       1075
--   sentry_email dropped                                        1101, 1104; reference §0, §2.2
--   sentry_organizationmapping.codecov_access dropped           1108, 1117; reference §2.13
--   hybridcloud_organizationslugreservationreplica dropped      hybridcloud 0029, 0030 (2026-06-08);
--     not in the reference
--   extension citext not installed [inferred]
-- Unchanged from 25.10: option value types (organization jsonb, project text), ownership
-- schema jsonb, outbox payload jsonb, project slug varchar(100) NOT NULL, e-mails 200.

-- 1009_add_date_updated_to_organizationmapping, 1036_orgmapping_date_updated_trunc_index,
-- 1048_organizationmapping_cell_name_idx
ALTER TABLE "sentry_organizationmapping" ADD COLUMN "date_updated" timestamp with time zone DEFAULT (STATEMENT_TIMESTAMP()) NOT NULL;
CREATE INDEX "sentry_orgmapping_date_updated_id_idx" ON "sentry_organizationmapping" ((DATE_TRUNC('second', "date_updated" AT TIME ZONE 'UTC')), "id");
CREATE INDEX "sentry_orgmapping_cell_name_date_updated_id_idx" ON "sentry_organizationmapping" ("region_name", (DATE_TRUNC('second', "date_updated" AT TIME ZONE 'UTC')), "id");

-- 1040_drop_fk_projecttemplate, 1044_remove_projecttemplate_model, 1046_projecttemplate_cleanup
ALTER TABLE "sentry_project" DROP CONSTRAINT "sentry_project_template_id_67f0bec7_fk_sentry_pr";
ALTER TABLE "sentry_project" DROP COLUMN "template_id";
DROP TABLE "sentry_projecttemplate";

-- 1041_projectkeymapping, 1050_projectkeymapping_uniq_constraint
CREATE TABLE "sentry_projectkeymapping" (
    "id" bigserial NOT NULL PRIMARY KEY,
    "project_key_id" bigint NOT NULL,
    "public_key" varchar(32) NOT NULL UNIQUE,
    "cell_name" varchar(48) NOT NULL,
    "date_updated" timestamp with time zone DEFAULT (STATEMENT_TIMESTAMP()) NOT NULL
);
CREATE INDEX "sentry_projectkeymapping_public_key_c2b56897_like" ON "sentry_projectkeymapping" ("public_key" varchar_pattern_ops);
CREATE INDEX "sentry_projkeymapping_cell_name_date_updated_id_idx" ON "sentry_projectkeymapping" ("cell_name", (DATE_TRUNC('second', "date_updated" AT TIME ZONE 'UTC')), "id");
ALTER TABLE "sentry_projectkeymapping" ADD CONSTRAINT "sentry_projectkeymapping_project_key_id_cell_name_uniq" UNIQUE ("project_key_id", "cell_name");

-- 1075_add_user_is_suspended
ALTER TABLE "auth_user" ADD COLUMN "is_suspended" boolean DEFAULT false NOT NULL;

-- 1101_remove_email_model_pending, 1104_remove_email_model_drop
DROP TABLE "sentry_email";

-- 1108_drop_organizationmapping_codecov_access_pending, 1117_..._delete
ALTER TABLE "sentry_organizationmapping" DROP COLUMN "codecov_access";

-- hybridcloud 0029_remove_orgslugreservationreplica_pending, 0030_..._delete
DROP TABLE "hybridcloud_organizationslugreservationreplica";

-- With sentry_email gone nothing needs citext, and the 1118 squash does not create it
-- [inferred: the squash creates btree_gist by SafeRunSQL and no other extension].
DROP EXTENSION "citext";

-- django_migrations of a new install: Django's apps, every name the two squashes replace
-- (sentry 0001_squashed_0904 and 0905…1118; hybridcloud 0001_squashed_0021 and 0022…0030), then
-- the squash rows Django records last (check_replacements).
DELETE FROM "django_migrations";
INSERT INTO "django_migrations" ("id", "app", "name", "applied") VALUES
    (1, 'contenttypes', '0001_initial', '2026-07-20 08:00:00+00'),
    (2, 'auth', '0001_initial', '2026-07-20 08:00:00+00'),
    (3, 'contenttypes', '0002_remove_content_type_name', '2026-07-20 08:00:00+00'),
    (4, 'auth', '0002_alter_permission_name_max_length', '2026-07-20 08:00:00+00'),
    (5, 'auth', '0003_alter_user_email_max_length', '2026-07-20 08:00:00+00'),
    (6, 'auth', '0004_alter_user_username_opts', '2026-07-20 08:00:00+00'),
    (7, 'auth', '0005_alter_user_last_login_null', '2026-07-20 08:00:00+00'),
    (8, 'auth', '0006_require_contenttypes_0002', '2026-07-20 08:00:00+00'),
    (9, 'auth', '0007_alter_validators_add_error_messages', '2026-07-20 08:00:00+00'),
    (10, 'auth', '0008_alter_user_username_max_length', '2026-07-20 08:00:00+00'),
    (11, 'auth', '0009_alter_user_last_name_max_length', '2026-07-20 08:00:00+00'),
    (12, 'auth', '0010_alter_group_name_max_length', '2026-07-20 08:00:00+00'),
    (13, 'auth', '0011_update_proxy_permissions', '2026-07-20 08:00:00+00'),
    (14, 'auth', '0012_alter_user_first_name_max_length', '2026-07-20 08:00:00+00'),
    (15, 'sessions', '0001_initial', '2026-07-20 08:00:00+00'),
    (16, 'sites', '0001_initial', '2026-07-20 08:00:00+00'),
    (17, 'sites', '0002_alter_domain_unique', '2026-07-20 08:00:00+00'),
    (18, 'sentry', '0001_squashed_0904_onboarding_task_project_id_idx', '2026-07-20 08:00:05+00'),
    (19, 'sentry', '0905_fix_workflow_engine_cycle', '2026-07-20 08:00:05+00'),
    (20, 'sentry', '0906_django_arrayfield_users', '2026-07-20 08:00:05+00'),
    (21, 'sentry', '0907_sentry_apps_array', '2026-07-20 08:00:05+00'),
    (22, 'sentry', '0908_increase_email_field_length', '2026-07-20 08:00:05+00'),
    (23, 'sentry', '0909_django_array_field_not_release', '2026-07-20 08:00:05+00'),
    (24, 'sentry', '0910_make_organizationmemberteam_is_active_default', '2026-07-20 08:00:05+00'),
    (25, 'sentry', '0911_increase_email_model_email_field_length', '2026-07-20 08:00:05+00'),
    (26, 'sentry', '0912_make_organizationmemberteam_replica_is_active_true', '2026-07-20 08:00:05+00'),
    (27, 'sentry', '0913_split_discover_dataset_dashboards_self_hosted', '2026-07-20 08:00:05+00'),
    (28, 'sentry', '0914_increase_orgmember_user_email_max_length', '2026-07-20 08:00:05+00'),
    (29, 'sentry', '0915_add_user_email_unique_column', '2026-07-20 08:00:05+00'),
    (30, 'sentry', '0916_delete_open_period_rows', '2026-07-20 08:00:05+00'),
    (31, 'sentry', '0917_convert_org_saved_searches_to_views', '2026-07-20 08:00:05+00'),
    (32, 'sentry', '0918_sentry_release_arrayfield', '2026-07-20 08:00:05+00'),
    (33, 'sentry', '0919_project_slug_non_null', '2026-07-20 08:00:05+00'),
    (34, 'sentry', '0920_convert_org_saved_searches_to_views_revised', '2026-07-20 08:00:05+00'),
    (35, 'sentry', '0921_convert_org_saved_searches_to_views_rerevised', '2026-07-20 08:00:05+00'),
    (36, 'sentry', '0922_dashboard_starred_add_position_column_and_constraint', '2026-07-20 08:00:05+00'),
    (37, 'sentry', '0923_dashboard_starred_backfill_orgs', '2026-07-20 08:00:05+00'),
    (38, 'sentry', '0924_dashboard_add_unique_constraint_for_user_org_position', '2026-07-20 08:00:05+00'),
    (39, 'sentry', '0925_backfill_open_periods', '2026-07-20 08:00:05+00'),
    (40, 'sentry', '0926_dashboard_favorite_defer_position_constraint', '2026-07-20 08:00:05+00'),
    (41, 'sentry', '0927_dashboard_add_unique_constraint_user_dashboard', '2026-07-20 08:00:05+00'),
    (42, 'sentry', '0928_move_notifications_models', '2026-07-20 08:00:05+00'),
    (43, 'sentry', '0929_no_pickle_authenticator', '2026-07-20 08:00:05+00'),
    (44, 'sentry', '0930_make_open_period_range_boundary_inclusive', '2026-07-20 08:00:05+00'),
    (45, 'sentry', '0931_add_hit_counter_columns_to_grouptombstone', '2026-07-20 08:00:05+00'),
    (46, 'sentry', '0932_update_grouptombstone_with_auto_now_add', '2026-07-20 08:00:05+00'),
    (47, 'sentry', '0933_add_has_agents_insights_flag', '2026-07-20 08:00:05+00'),
    (48, 'sentry', '0934_options_nullable_value', '2026-07-20 08:00:05+00'),
    (49, 'sentry', '0935_drop_old_openperiod_exclusion_constraint', '2026-07-20 08:00:05+00'),
    (50, 'sentry', '0936_prompts_activity_index', '2026-07-20 08:00:05+00'),
    (51, 'sentry', '0937_fix_defaults', '2026-07-20 08:00:05+00'),
    (52, 'sentry', '0938_rm_eventattachment_fileid_part1', '2026-07-20 08:00:05+00'),
    (53, 'sentry', '0939_rm_eventattachment_fileid_part2', '2026-07-20 08:00:05+00'),
    (54, 'sentry', '0940_auditlog_json_field', '2026-07-20 08:00:05+00'),
    (55, 'sentry', '0941_create_temporary_verification_code_table', '2026-07-20 08:00:05+00'),
    (56, 'sentry', '0942_dashboard_remove_extra_user_org_position_constraint', '2026-07-20 08:00:05+00'),
    (57, 'sentry', '0943_create_data_access_grant', '2026-07-20 08:00:05+00'),
    (58, 'sentry', '0944_flags_not_null', '2026-07-20 08:00:05+00'),
    (59, 'sentry', '0945_move_discover_models', '2026-07-20 08:00:05+00'),
    (60, 'sentry', '0946_add_has_mcp_insights_flag', '2026-07-20 08:00:05+00'),
    (61, 'sentry', '0947_add_dashboard_last_visited_model', '2026-07-20 08:00:05+00'),
    (62, 'sentry', '0948_ds_waiver_org_fk_not_db_constr', '2026-07-20 08:00:05+00'),
    (63, 'sentry', '0949_add_dashboard_widget_snapshot_model', '2026-07-20 08:00:05+00'),
    (64, 'sentry', '0950_safe_del_dswaiver', '2026-07-20 08:00:05+00'),
    (65, 'sentry', '0951_delete_ds_waiver', '2026-07-20 08:00:05+00'),
    (66, 'sentry', '0952_fix_span_item_event_type_alerts', '2026-07-20 08:00:05+00'),
    (67, 'sentry', '0953_make_releasefiles_tti', '2026-07-20 08:00:05+00'),
    (68, 'sentry', '0954_user_option_json_field', '2026-07-20 08:00:05+00'),
    (69, 'sentry', '0955_org_option_json_field', '2026-07-20 08:00:05+00'),
    (70, 'sentry', '0956_add_group_by_to_snuba_query', '2026-07-20 08:00:05+00'),
    (71, 'sentry', '0957_projecttemplateoption_json', '2026-07-20 08:00:05+00'),
    (72, 'sentry', '0958_base_option_json_field', '2026-07-20 08:00:05+00'),
    (73, 'sentry', '0959_add_has_logs_bit_to_project_model', '2026-07-20 08:00:05+00'),
    (74, 'sentry', '0960_project_option_json_field', '2026-07-20 08:00:05+00'),
    (75, 'sentry', '0961_identity_json_field', '2026-07-20 08:00:05+00'),
    (76, 'sentry', '0962_json_fields_too_big', '2026-07-20 08:00:05+00'),
    (77, 'sentry', '0963_scheduleddeletion_json_field', '2026-07-20 08:00:05+00'),
    (78, 'sentry', '0964_add_commitcomparison_table', '2026-07-20 08:00:05+00'),
    (79, 'sentry', '0965_gzippeddict_big_tables', '2026-07-20 08:00:05+00'),
    (80, 'sentry', '0966_groupopenperiod_data_pending_inc_detector_id_index', '2026-07-20 08:00:05+00'),
    (81, 'sentry', '0967_large_tables_legacy_json_field', '2026-07-20 08:00:05+00'),
    (82, 'sentry', '0968_delete_dashboardwidgetsnapshot_db_constraint', '2026-07-20 08:00:05+00'),
    (83, 'sentry', '0969_safe_del_dashboardwidgetsnapshot', '2026-07-20 08:00:05+00'),
    (84, 'sentry', '0970_remove_pullrequestcommit_fk_constraint', '2026-07-20 08:00:05+00'),
    (85, 'sentry', '0971_make_dashboard_widget_order_optional_field', '2026-07-20 08:00:05+00'),
    (86, 'sentry', '0972_commit_comparison_drop_unique', '2026-07-20 08:00:05+00'),
    (87, 'sentry', '0973_safe_del_dashboardwidgetsnapshot', '2026-07-20 08:00:05+00'),
    (88, 'sentry', '0974_hc_json_field', '2026-07-20 08:00:05+00'),
    (89, 'sentry', '0975_grouplink_json_field', '2026-07-20 08:00:05+00'),
    (90, 'sentry', '0976_sentry_app_json_field', '2026-07-20 08:00:05+00'),
    (91, 'sentry', '0977_commitfilechange_break_commit_fk', '2026-07-20 08:00:05+00'),
    (92, 'sentry', '0978_break_commit_fks', '2026-07-20 08:00:05+00'),
    (93, 'sentry', '0979_add_apiapplication_version', '2026-07-20 08:00:05+00'),
    (94, 'sentry', '0980_integrations_json_field', '2026-07-20 08:00:05+00'),
    (95, 'sentry', '0981_add_dashboard_migration_fields', '2026-07-20 08:00:05+00'),
    (96, 'sentry', '0982_redirect_fk_and_date', '2026-07-20 08:00:05+00'),
    (97, 'sentry', '0983_create_groupopenperiodactivity_table', '2026-07-20 08:00:05+00'),
    (98, 'sentry', '0984_authprovider_json_field', '2026-07-20 08:00:05+00'),
    (99, 'sentry', '0985_add_timestamp_to_grouphash_table', '2026-07-20 08:00:05+00'),
    (100, 'sentry', '0986_add_future_release_version_to_groupresolution', '2026-07-20 08:00:05+00'),
    (101, 'sentry', '0987_authidentity_json_field', '2026-07-20 08:00:05+00'),
    (102, 'sentry', '0988_data_forwarding', '2026-07-20 08:00:05+00'),
    (103, 'sentry', '0989_add_release_date_added_idx', '2026-07-20 08:00:05+00'),
    (104, 'sentry', '0990_groupowner_json_field', '2026-07-20 08:00:05+00'),
    (105, 'sentry', '0991_projectownership_json_field', '2026-07-20 08:00:05+00'),
    (106, 'sentry', '0992_latestrepoerelease_indexes', '2026-07-20 08:00:05+00'),
    (107, 'sentry', '0993_add_event_id_to_grouphash_metadata', '2026-07-20 08:00:05+00'),
    (108, 'sentry', '0994_add_groupreaction_table', '2026-07-20 08:00:05+00'),
    (109, 'sentry', '0995_add_date_updated_to_grouphash_metadata', '2026-07-20 08:00:05+00'),
    (110, 'sentry', '0996_add_dashboard_field_link_model', '2026-07-20 08:00:05+00'),
    (111, 'sentry', '0997_add_has_trace_metrics_bit_to_project_model', '2026-07-20 08:00:05+00'),
    (112, 'sentry', '0998_add_prebuilt_id_to_dashboards', '2026-07-20 08:00:05+00'),
    (113, 'sentry', '0999_add_extrapolation_mode_to_snuba_query', '2026-07-20 08:00:05+00'),
    (114, 'sentry', '1000_add_project_distribution_scope', '2026-07-20 08:00:05+00'),
    (115, 'sentry', '1001_prevent_grouphistory_infinte_recursion', '2026-07-20 08:00:05+00'),
    (116, 'sentry', '1002_group_history_prev_history_remove_db_constraint', '2026-07-20 08:00:05+00'),
    (117, 'sentry', '1003_group_history_prev_history_safe_removal', '2026-07-20 08:00:05+00'),
    (118, 'sentry', '1004_group_history_prev_history_delete', '2026-07-20 08:00:05+00'),
    (119, 'sentry', '1005_add_groupemailthread_project_date_index', '2026-07-20 08:00:05+00'),
    (120, 'sentry', '1006_drop_legacy_incidentseen_incidentsubscription', '2026-07-20 08:00:05+00'),
    (121, 'sentry', '1007_cleanup_failed_safe_deletes', '2026-07-20 08:00:05+00'),
    (122, 'sentry', '1008_loosen_unique_title_contraint', '2026-07-20 08:00:05+00'),
    (123, 'sentry', '1009_add_date_updated_to_organizationmapping', '2026-07-20 08:00:05+00'),
    (124, 'sentry', '1010_add_organizationcontributors_table', '2026-07-20 08:00:05+00'),
    (125, 'sentry', '1011_update_oc_integration_cascade_to_null', '2026-07-20 08:00:05+00'),
    (126, 'sentry', '1012_add_event_id_to_open_period', '2026-07-20 08:00:05+00'),
    (127, 'sentry', '1013_add_repositorysettings_table', '2026-07-20 08:00:05+00'),
    (128, 'sentry', '1014_add_pkce_to_apigrant', '2026-07-20 08:00:05+00'),
    (129, 'sentry', '1015_backfill_self_hosted_sentry_app_emails', '2026-07-20 08:00:05+00'),
    (130, 'sentry', '1016_remove_on_command_phrase_trigger', '2026-07-20 08:00:05+00'),
    (131, 'sentry', '1017_add_apidevicecode', '2026-07-20 08:00:05+00'),
    (132, 'sentry', '1018_encrypt_integration_metadata', '2026-07-20 08:00:05+00'),
    (133, 'sentry', '1019_add_integration_debug_json', '2026-07-20 08:00:05+00'),
    (134, 'sentry', '1020_alter_apiapplication_client_secret_nullable', '2026-07-20 08:00:05+00'),
    (135, 'sentry', '1021_add_date_added_date_updated_to_repositorysettings', '2026-07-20 08:00:05+00'),
    (136, 'sentry', '1022_add_event_id_to_groupopenperiodactivity', '2026-07-20 08:00:05+00'),
    (137, 'sentry', '1023_add_commitcomparison_unique_constraints', '2026-07-20 08:00:05+00'),
    (138, 'sentry', '1024_delete_never_active_users_without_emails_self_hosted', '2026-07-20 08:00:05+00'),
    (139, 'sentry', '1025_backfill_groupopenperiodactivity_event_id', '2026-07-20 08:00:05+00'),
    (140, 'sentry', '1026_add_index_groupopenperiodactivity_open_period_type_event_id', '2026-07-20 08:00:05+00'),
    (141, 'sentry', '1027_encrypt_data_forwarding_configurations', '2026-07-20 08:00:05+00'),
    (142, 'sentry', '1028_remove_group_open_period_event_id', '2026-07-20 08:00:05+00'),
    (143, 'sentry', '1029_delete_group_open_period_event_id', '2026-07-20 08:00:05+00'),
    (144, 'sentry', '1030_add_commitcomparison_extras', '2026-07-20 08:00:05+00'),
    (145, 'sentry', '1031_encrypt_identity_data_field', '2026-07-20 08:00:05+00'),
    (146, 'sentry', '1032_code_review_event', '2026-07-20 08:00:05+00'),
    (147, 'sentry', '1033_remove_grouprelease_group_id_last_seen_idx', '2026-07-20 08:00:05+00'),
    (148, 'sentry', '1034_remove_code_review_event', '2026-07-20 08:00:05+00'),
    (149, 'sentry', '1035_delete_code_review_event', '2026-07-20 08:00:05+00'),
    (150, 'sentry', '1036_orgmapping_date_updated_trunc_index', '2026-07-20 08:00:05+00'),
    (151, 'sentry', '1037_add_grouphashmetadata_seer_latest_training_model', '2026-07-20 08:00:05+00'),
    (152, 'sentry', '1038_add_index_groupopenperiodactivity_event_id', '2026-07-20 08:00:05+00'),
    (153, 'sentry', '1039_widget_description_to_textfield', '2026-07-20 08:00:05+00'),
    (154, 'sentry', '1040_drop_fk_projecttemplate', '2026-07-20 08:00:05+00'),
    (155, 'sentry', '1041_projectkeymapping', '2026-07-20 08:00:05+00'),
    (156, 'sentry', '1042_create_code_review_event', '2026-07-20 08:00:05+00'),
    (157, 'sentry', '1043_big_redirect_slug', '2026-07-20 08:00:05+00'),
    (158, 'sentry', '1044_remove_projecttemplate_model', '2026-07-20 08:00:05+00'),
    (159, 'sentry', '1045_dashboard_favorite_user_add_starred_column', '2026-07-20 08:00:05+00'),
    (160, 'sentry', '1046_projecttemplate_cleanup', '2026-07-20 08:00:05+00'),
    (161, 'sentry', '1047_rename_orgmapping_region_name_to_cell_name', '2026-07-20 08:00:05+00'),
    (162, 'sentry', '1048_organizationmapping_cell_name_idx', '2026-07-20 08:00:05+00'),
    (163, 'sentry', '1049_rename_slugreservation_region_name_to_cell_name', '2026-07-20 08:00:05+00'),
    (164, 'sentry', '1050_projectkeymapping_uniq_constraint', '2026-07-20 08:00:05+00'),
    (165, 'sentry', '1051_rename_controloutbox_region_name_to_cell_name', '2026-07-20 08:00:05+00'),
    (166, 'sentry', '1052_rename_regionoutbox_to_celloutbox', '2026-07-20 08:00:05+00'),
    (167, 'sentry', '1053_protect_projectdebugfile_file', '2026-07-20 08:00:05+00'),
    (168, 'sentry', '1054_rename_regionscheduleddeletion_to_cellscheduleddeletion', '2026-07-20 08:00:05+00'),
    (169, 'sentry', '1055_rename_regiontombstone_to_celltombstone', '2026-07-20 08:00:05+00'),
    (170, 'sentry', '1056_add_explorer_autofix_fields', '2026-07-20 08:00:05+00'),
    (171, 'sentry', '1057_drop_legacy_alert_rule_tables', '2026-07-20 08:00:05+00'),
    (172, 'sentry', '1058_change_code_mapping_unique_constraint', '2026-07-20 08:00:05+00'),
    (173, 'sentry', '1059_add_groupopenperiodactivity_date_added_index', '2026-07-20 08:00:05+00'),
    (174, 'sentry', '1060_eventattachment_date_expires', '2026-07-20 08:00:05+00'),
    (175, 'sentry', '1061_eventattachment_date_expires_index', '2026-07-20 08:00:05+00'),
    (176, 'sentry', '1062_backfill_eventattachment_date_expires', '2026-07-20 08:00:05+00'),
    (177, 'sentry', '1063_remove_customdynamicsamplingrule', '2026-07-20 08:00:05+00'),
    (178, 'sentry', '1064_eventattachment_date_expires_now', '2026-07-20 08:00:05+00'),
    (179, 'sentry', '1065_delete_customdynamicsamplingrule', '2026-07-20 08:00:05+00'),
    (180, 'sentry', '1066_add_export_format_in_data_export_obj', '2026-07-20 08:00:05+00'),
    (181, 'sentry', '1067_add_dashboard_revision_model', '2026-07-20 08:00:05+00'),
    (182, 'sentry', '1068_rename_relocationtransfer_region_to_cell', '2026-07-20 08:00:05+00'),
    (183, 'sentry', '1069_add_organization_avatar_replica', '2026-07-20 08:00:05+00'),
    (184, 'sentry', '1070_increase_integration_external_id_length', '2026-07-20 08:00:05+00'),
    (185, 'sentry', '1071_add_broadcast_sync_locked', '2026-07-20 08:00:05+00'),
    (186, 'sentry', '1072_backfill_scm_integration_config', '2026-07-20 08:00:05+00'),
    (187, 'sentry', '1073_add_org_ci_scope', '2026-07-20 08:00:05+00'),
    (188, 'sentry', '1074_remove_dashboardtombstone', '2026-07-20 08:00:05+00'),
    (189, 'sentry', '1075_add_user_is_suspended', '2026-07-20 08:00:05+00'),
    (190, 'sentry', '1076_delete_dashboardtombstone', '2026-07-20 08:00:05+00'),
    (191, 'sentry', '1077_add_is_disabled_field', '2026-07-20 08:00:05+00'),
    (192, 'sentry', '1078_drop_querysubscription_time_window', '2026-07-20 08:00:05+00'),
    (193, 'sentry', '1079_purge_scm_legacy_org_options', '2026-07-20 08:00:05+00'),
    (194, 'sentry', '1080_backfill_deprecated_dashboard_widget_display_types', '2026-07-20 08:00:05+00'),
    (195, 'sentry', '1081_remove_neglectedrule', '2026-07-20 08:00:05+00'),
    (196, 'sentry', '1082_drop_neglectedrule_table', '2026-07-20 08:00:05+00'),
    (197, 'sentry', '1083_remove_dashboardlastvisited', '2026-07-20 08:00:05+00'),
    (198, 'sentry', '1084_delete_dashboardlastvisited', '2026-07-20 08:00:05+00'),
    (199, 'sentry', '1085_add_date_synced_to_projectcodeowners', '2026-07-20 08:00:05+00'),
    (200, 'sentry', '1086_add_source_to_external_actor', '2026-07-20 08:00:05+00'),
    (201, 'sentry', '1087_add_projectrepository', '2026-07-20 08:00:05+00'),
    (202, 'sentry', '1088_remove_rulefirehistory', '2026-07-20 08:00:05+00'),
    (203, 'sentry', '1089_drop_rulefirehistory', '2026-07-20 08:00:05+00'),
    (204, 'sentry', '1090_rm_triggered_incidents_alertruletrigger', '2026-07-20 08:00:05+00'),
    (205, 'sentry', '1091_delete_triggered_incidents_alertruletrigger', '2026-07-20 08:00:05+00'),
    (206, 'sentry', '1092_backfill_projectrepository', '2026-07-20 08:00:05+00'),
    (207, 'sentry', '1093_remove_incidenttrigger', '2026-07-20 08:00:05+00'),
    (208, 'sentry', '1094_delete_incidenttrigger', '2026-07-20 08:00:05+00'),
    (209, 'sentry', '1095_make_project_repository_fk_notnull', '2026-07-20 08:00:05+00'),
    (210, 'sentry', '1096_backfill_mcp_dashboard_widget_filters', '2026-07-20 08:00:05+00'),
    (211, 'sentry', '1097_add_new_unique_constraints', '2026-07-20 08:00:05+00'),
    (212, 'sentry', '1098_remove_old_fks', '2026-07-20 08:00:05+00'),
    (213, 'sentry', '1099_drop_old_fk_columns', '2026-07-20 08:00:05+00'),
    (214, 'sentry', '1100_add_relocation_file_bucket_path', '2026-07-20 08:00:05+00'),
    (215, 'sentry', '1101_remove_email_model_pending', '2026-07-20 08:00:05+00'),
    (216, 'sentry', '1102_activity_project_type_index', '2026-07-20 08:00:05+00'),
    (217, 'sentry', '1103_backfill_auto_link_repos_by_name', '2026-07-20 08:00:05+00'),
    (218, 'sentry', '1104_remove_email_model_drop', '2026-07-20 08:00:05+00'),
    (219, 'sentry', '1105_pr_merge_metrics', '2026-07-20 08:00:05+00'),
    (220, 'sentry', '1106_pullrequest_head_commit_sha_index', '2026-07-20 08:00:05+00'),
    (221, 'sentry', '1107_commitauthor_public_email_queried_at', '2026-07-20 08:00:05+00'),
    (222, 'sentry', '1108_drop_organizationmapping_codecov_access_pending', '2026-07-20 08:00:05+00'),
    (223, 'sentry', '1109_add_group_action_log_entry', '2026-07-20 08:00:05+00'),
    (224, 'sentry', '1110_add_team_avatar', '2026-07-20 08:00:05+00'),
    (225, 'sentry', '1111_add_index_for_group_link', '2026-07-20 08:00:05+00'),
    (226, 'sentry', '1112_pullrequest_metrics_fields', '2026-07-20 08:00:05+00'),
    (227, 'sentry', '1113_extend_repository_name_length', '2026-07-20 08:00:05+00'),
    (228, 'sentry', '1114_extend_repository_url_length', '2026-07-20 08:00:05+00'),
    (229, 'sentry', '1115_projectdebugfile_add_objectstore_columns', '2026-07-20 08:00:05+00'),
    (230, 'sentry', '1116_add_project_custom_inbound_filter', '2026-07-20 08:00:05+00'),
    (231, 'sentry', '1117_drop_organizationmapping_codecov_access_delete', '2026-07-20 08:00:05+00'),
    (232, 'sentry', '1118_add_group_derived_data', '2026-07-20 08:00:05+00'),
    (233, 'hybridcloud', '0001_squashed_0021_django_arrayfield_scope_list', '2026-07-20 08:00:06+00'),
    (234, 'hybridcloud', '0022_webhook_payload_update', '2026-07-20 08:00:06+00'),
    (235, 'hybridcloud', '0023_correct_webhook_payload_constraint', '2026-07-20 08:00:06+00'),
    (236, 'hybridcloud', '0024_add_project_distribution_scope', '2026-07-20 08:00:06+00'),
    (237, 'hybridcloud', '0025_rename_slugreservationreplica_region_name_to_cell_name', '2026-07-20 08:00:06+00'),
    (238, 'hybridcloud', '0026_webhookpayload_rename_region_name_to_cell_name', '2026-07-20 08:00:06+00'),
    (239, 'hybridcloud', '0027_region_cache_version_to_cell_cache_version', '2026-07-20 08:00:06+00'),
    (240, 'hybridcloud', '0028_add_org_ci_scope', '2026-07-20 08:00:06+00'),
    (241, 'hybridcloud', '0029_remove_orgslugreservationreplica_pending', '2026-07-20 08:00:06+00'),
    (242, 'hybridcloud', '0030_remove_orgslugreservationreplica_delete', '2026-07-20 08:00:06+00'),
    (243, 'sentry', '0001_squashed_1118_add_group_derived_data', '2026-07-20 08:00:07+00'),
    (244, 'hybridcloud', '0001_squashed_0030_remove_orgslugreservationreplica_delete', '2026-07-20 08:00:07+00');
SELECT setval('django_migrations_id_seq', 244);
