-- Metric alert tables of Sentry 23.7.1, verbatim from pg_dump of a database Sentry 23.7.1's own
-- `sentry upgrade` migrated (the conformance tier's cached dump, pg_restore --schema-only):
-- sentry_snubaquery, sentry_snubaqueryeventtype, sentry_querysubscription, sentry_alertrule,
-- sentry_alertruleexcludedprojects, sentry_alertruletrigger, sentry_alertruletriggeraction,
-- sentry_alertruleactivity. Loaded by the tests after alerts-23.x.sql
-- (Tests/SelfHostedTests/Support/SchemaFixtures.swift). Load: psql -v ON_ERROR_STOP=1 -d DB -f FILE

CREATE TABLE public.sentry_alertrule (
    id bigint NOT NULL,
    name text NOT NULL,
    status smallint NOT NULL,
    include_all_projects boolean NOT NULL,
    threshold_period integer NOT NULL,
    date_modified timestamp with time zone NOT NULL,
    date_added timestamp with time zone NOT NULL,
    organization_id bigint,
    snuba_query_id bigint,
    resolve_threshold double precision,
    threshold_type smallint,
    owner_id bigint,
    comparison_delta integer
);

CREATE TABLE public.sentry_alertruleactivity (
    id bigint NOT NULL,
    type integer NOT NULL,
    date_added timestamp with time zone NOT NULL,
    alert_rule_id bigint NOT NULL,
    previous_alert_rule_id bigint,
    user_id bigint
);

CREATE TABLE public.sentry_alertruleexcludedprojects (
    id bigint NOT NULL,
    date_added timestamp with time zone NOT NULL,
    alert_rule_id bigint NOT NULL,
    project_id bigint NOT NULL
);

CREATE TABLE public.sentry_alertruletrigger (
    id bigint NOT NULL,
    label text NOT NULL,
    threshold_type smallint,
    alert_threshold double precision NOT NULL,
    resolve_threshold double precision,
    date_added timestamp with time zone NOT NULL,
    alert_rule_id bigint NOT NULL
);

CREATE TABLE public.sentry_alertruletriggeraction (
    id bigint NOT NULL,
    type smallint NOT NULL,
    target_type smallint NOT NULL,
    target_identifier text,
    target_display text,
    date_added timestamp with time zone NOT NULL,
    alert_rule_trigger_id bigint NOT NULL,
    integration_id bigint,
    sentry_app_id bigint,
    sentry_app_config text
);

CREATE TABLE public.sentry_querysubscription (
    id bigint NOT NULL,
    type text NOT NULL,
    subscription_id text,
    date_added timestamp with time zone NOT NULL,
    project_id bigint NOT NULL,
    status smallint NOT NULL,
    snuba_query_id bigint,
    date_updated timestamp with time zone
);

CREATE TABLE public.sentry_snubaquery (
    id bigint NOT NULL,
    dataset text NOT NULL,
    query text NOT NULL,
    aggregate text NOT NULL,
    time_window integer NOT NULL,
    resolution integer NOT NULL,
    date_added timestamp with time zone NOT NULL,
    environment_id bigint,
    type smallint NOT NULL
);

CREATE TABLE public.sentry_snubaqueryeventtype (
    id bigint NOT NULL,
    type smallint NOT NULL,
    snuba_query_id bigint NOT NULL
);

CREATE SEQUENCE public.sentry_alertrule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_alertruleactivity_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_alertruleexcludedprojects_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_alertruletrigger_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_alertruletriggeraction_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_querysubscription_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_snubaquery_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.sentry_snubaqueryeventtype_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_alertrule_id_seq OWNED BY public.sentry_alertrule.id;

ALTER SEQUENCE public.sentry_alertruleactivity_id_seq OWNED BY public.sentry_alertruleactivity.id;

ALTER SEQUENCE public.sentry_alertruleexcludedprojects_id_seq OWNED BY public.sentry_alertruleexcludedprojects.id;

ALTER SEQUENCE public.sentry_alertruletrigger_id_seq OWNED BY public.sentry_alertruletrigger.id;

ALTER SEQUENCE public.sentry_alertruletriggeraction_id_seq OWNED BY public.sentry_alertruletriggeraction.id;

ALTER SEQUENCE public.sentry_querysubscription_id_seq OWNED BY public.sentry_querysubscription.id;

ALTER SEQUENCE public.sentry_snubaquery_id_seq OWNED BY public.sentry_snubaquery.id;

ALTER SEQUENCE public.sentry_snubaqueryeventtype_id_seq OWNED BY public.sentry_snubaqueryeventtype.id;

ALTER TABLE ONLY public.sentry_alertrule ALTER COLUMN id SET DEFAULT nextval('public.sentry_alertrule_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_alertruleactivity ALTER COLUMN id SET DEFAULT nextval('public.sentry_alertruleactivity_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_alertruleexcludedprojects ALTER COLUMN id SET DEFAULT nextval('public.sentry_alertruleexcludedprojects_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_alertruletrigger ALTER COLUMN id SET DEFAULT nextval('public.sentry_alertruletrigger_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_alertruletriggeraction ALTER COLUMN id SET DEFAULT nextval('public.sentry_alertruletriggeraction_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_querysubscription ALTER COLUMN id SET DEFAULT nextval('public.sentry_querysubscription_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_snubaquery ALTER COLUMN id SET DEFAULT nextval('public.sentry_snubaquery_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_snubaqueryeventtype ALTER COLUMN id SET DEFAULT nextval('public.sentry_snubaqueryeventtype_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_alertrule
    ADD CONSTRAINT sentry_alertrule_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_alertrule
    ADD CONSTRAINT sentry_alertrule_snuba_query_id_key UNIQUE (snuba_query_id);

ALTER TABLE ONLY public.sentry_alertruleactivity
    ADD CONSTRAINT sentry_alertruleactivity_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_alertruleexcludedprojects
    ADD CONSTRAINT sentry_alertruleexcluded_alert_rule_id_project_id_12286573_uniq UNIQUE (alert_rule_id, project_id);

ALTER TABLE ONLY public.sentry_alertruleexcludedprojects
    ADD CONSTRAINT sentry_alertruleexcludedprojects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_alertruletrigger
    ADD CONSTRAINT sentry_alertruletrigger_alert_rule_id_label_0e6fe2c9_uniq UNIQUE (alert_rule_id, label);

ALTER TABLE ONLY public.sentry_alertruletrigger
    ADD CONSTRAINT sentry_alertruletrigger_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_alertruletriggeraction
    ADD CONSTRAINT sentry_alertruletriggeraction_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_querysubscription
    ADD CONSTRAINT sentry_querysubscription_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_querysubscription
    ADD CONSTRAINT sentry_querysubscription_subscription_id_key UNIQUE (subscription_id);

ALTER TABLE ONLY public.sentry_snubaquery
    ADD CONSTRAINT sentry_snubaquery_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_snubaqueryeventtype
    ADD CONSTRAINT sentry_snubaqueryeventtype_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_snubaqueryeventtype
    ADD CONSTRAINT sentry_snubaqueryeventtype_snuba_query_id_type_1a1f61d1_uniq UNIQUE (snuba_query_id, type);

CREATE INDEX sentry_alertrule_organization_id_5eeaf3d8 ON public.sentry_alertrule USING btree (organization_id);

CREATE INDEX sentry_alertrule_owner_id_477ec831 ON public.sentry_alertrule USING btree (owner_id);

CREATE INDEX sentry_alertruleactivity_alert_rule_id_8a18cd0b ON public.sentry_alertruleactivity USING btree (alert_rule_id);

CREATE INDEX sentry_alertruleactivity_previous_alert_rule_id_34e18817 ON public.sentry_alertruleactivity USING btree (previous_alert_rule_id);

CREATE INDEX sentry_alertruleactivity_user_id_9432de45 ON public.sentry_alertruleactivity USING btree (user_id);

CREATE INDEX sentry_alertruleexcludedprojects_project_id_4ea44339 ON public.sentry_alertruleexcludedprojects USING btree (project_id);

CREATE INDEX sentry_alertruletrigger_alert_rule_id_621e6221 ON public.sentry_alertruletrigger USING btree (alert_rule_id);

CREATE INDEX sentry_alertruletriggeraction_alert_rule_trigger_id_ddbe2876 ON public.sentry_alertruletriggeraction USING btree (alert_rule_trigger_id);

CREATE INDEX sentry_alertruletriggeraction_integration_id_f43d7209 ON public.sentry_alertruletriggeraction USING btree (integration_id);

CREATE INDEX sentry_alertruletriggeraction_sentry_app_id_6a179a9b ON public.sentry_alertruletriggeraction USING btree (sentry_app_id);

CREATE INDEX sentry_querysubscription_project_id_d25b8824 ON public.sentry_querysubscription USING btree (project_id);

CREATE INDEX sentry_querysubscription_snuba_query_id_860acc5a ON public.sentry_querysubscription USING btree (snuba_query_id);

CREATE INDEX sentry_querysubscription_status_00dfeef8 ON public.sentry_querysubscription USING btree (status);

CREATE INDEX sentry_querysubscription_subscription_id_8dce9884_like ON public.sentry_querysubscription USING btree (subscription_id text_pattern_ops);

CREATE INDEX sentry_snubaquery_environment_id_47e3f3e3 ON public.sentry_snubaquery USING btree (environment_id);

CREATE INDEX sentry_snubaqueryeventtype_snuba_query_id_a3502759 ON public.sentry_snubaqueryeventtype USING btree (snuba_query_id);

ALTER TABLE ONLY public.sentry_alertrule
    ADD CONSTRAINT sentry_alertrule_organization_id_5eeaf3d8_fk_sentry_or FOREIGN KEY (organization_id) REFERENCES public.sentry_organization(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertrule
    ADD CONSTRAINT sentry_alertrule_owner_id_477ec831_fk_sentry_actor_id FOREIGN KEY (owner_id) REFERENCES public.sentry_actor(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertrule
    ADD CONSTRAINT sentry_alertrule_snuba_query_id_5590368f_fk_sentry_sn FOREIGN KEY (snuba_query_id) REFERENCES public.sentry_snubaquery(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertruleactivity
    ADD CONSTRAINT sentry_alertruleacti_alert_rule_id_8a18cd0b_fk_sentry_al FOREIGN KEY (alert_rule_id) REFERENCES public.sentry_alertrule(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertruleactivity
    ADD CONSTRAINT sentry_alertruleacti_previous_alert_rule__34e18817_fk_sentry_al FOREIGN KEY (previous_alert_rule_id) REFERENCES public.sentry_alertrule(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertruleexcludedprojects
    ADD CONSTRAINT sentry_alertruleexcl_alert_rule_id_7611518a_fk_sentry_al FOREIGN KEY (alert_rule_id) REFERENCES public.sentry_alertrule(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertruletrigger
    ADD CONSTRAINT sentry_alertruletrig_alert_rule_id_621e6221_fk_sentry_al FOREIGN KEY (alert_rule_id) REFERENCES public.sentry_alertrule(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_alertruletriggeraction
    ADD CONSTRAINT sentry_alertruletrig_alert_rule_trigger_i_ddbe2876_fk_sentry_al FOREIGN KEY (alert_rule_trigger_id) REFERENCES public.sentry_alertruletrigger(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_querysubscription
    ADD CONSTRAINT sentry_querysubscrip_snuba_query_id_860acc5a_fk_sentry_sn FOREIGN KEY (snuba_query_id) REFERENCES public.sentry_snubaquery(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_snubaqueryeventtype
    ADD CONSTRAINT sentry_snubaqueryeve_snuba_query_id_a3502759_fk_sentry_sn FOREIGN KEY (snuba_query_id) REFERENCES public.sentry_snubaquery(id) DEFERRABLE INITIALLY DEFERRED;

