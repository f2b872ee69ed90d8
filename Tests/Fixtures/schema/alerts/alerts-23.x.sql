-- Issue alert rule and integration tables of Sentry 23.7.1, verbatim from pg_dump of a database
-- Sentry 23.7.1's own `sentry upgrade` migrated (the conformance tier's cached dump,
-- scripts/conformance/run.sh): sentry_rule, sentry_ruleactivity, sentry_integration,
-- sentry_organizationintegration. Loaded by the tests after a profile's schema fixture
-- (Tests/SelfHostedTests/Support/SchemaFixtures.swift); kept apart from sentry-*.sql so that the
-- derived fixtures need no regeneration. Load: psql -v ON_ERROR_STOP=1 -d DB -f alerts-23.x.sql

CREATE TABLE public.sentry_integration (
    id bigint NOT NULL,
    provider character varying(64) NOT NULL,
    external_id character varying(64) NOT NULL,
    name character varying(200) NOT NULL,
    metadata text NOT NULL,
    status integer,
    date_added timestamp with time zone,
    date_updated timestamp with time zone NOT NULL,
    CONSTRAINT sentry_integration_status_check CHECK ((status >= 0))
);

CREATE TABLE public.sentry_organizationintegration (
    id bigint NOT NULL,
    config text NOT NULL,
    default_auth_id integer,
    date_added timestamp with time zone,
    status integer NOT NULL,
    integration_id bigint NOT NULL,
    organization_id bigint NOT NULL,
    date_updated timestamp with time zone NOT NULL,
    grace_period_end timestamp with time zone,
    CONSTRAINT sentry_organizationintegration_default_auth_id_check CHECK ((default_auth_id >= 0)),
    CONSTRAINT sentry_organizationintegration_status_check CHECK ((status >= 0))
);

CREATE TABLE public.sentry_rule (
    id bigint NOT NULL,
    environment_id integer,
    label character varying(64) NOT NULL,
    data text NOT NULL,
    status integer NOT NULL,
    date_added timestamp with time zone NOT NULL,
    project_id bigint NOT NULL,
    owner_id bigint,
    source integer DEFAULT 0 NOT NULL,
    CONSTRAINT sentry_rule_environment_id_check CHECK ((environment_id >= 0)),
    CONSTRAINT sentry_rule_status_check CHECK ((status >= 0))
);

CREATE TABLE public.sentry_ruleactivity (
    id bigint NOT NULL,
    type integer NOT NULL,
    date_added timestamp with time zone NOT NULL,
    rule_id bigint NOT NULL,
    user_id bigint
);

CREATE SEQUENCE public.sentry_integration_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_integration_id_seq OWNED BY public.sentry_integration.id;

CREATE SEQUENCE public.sentry_organizationintegration_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_organizationintegration_id_seq OWNED BY public.sentry_organizationintegration.id;

CREATE SEQUENCE public.sentry_rule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_rule_id_seq OWNED BY public.sentry_rule.id;

CREATE SEQUENCE public.sentry_ruleactivity_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_ruleactivity_id_seq OWNED BY public.sentry_ruleactivity.id;

ALTER TABLE ONLY public.sentry_integration ALTER COLUMN id SET DEFAULT nextval('public.sentry_integration_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_organizationintegration ALTER COLUMN id SET DEFAULT nextval('public.sentry_organizationintegration_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_rule ALTER COLUMN id SET DEFAULT nextval('public.sentry_rule_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_ruleactivity ALTER COLUMN id SET DEFAULT nextval('public.sentry_ruleactivity_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_integration
    ADD CONSTRAINT sentry_integration_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_integration
    ADD CONSTRAINT sentry_integration_provider_external_id_a74b8c79_uniq UNIQUE (provider, external_id);

ALTER TABLE ONLY public.sentry_organizationintegration
    ADD CONSTRAINT sentry_organizationinteg_organization_id_integrat_89ce9b01_uniq UNIQUE (organization_id, integration_id);

ALTER TABLE ONLY public.sentry_organizationintegration
    ADD CONSTRAINT sentry_organizationintegration_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_rule
    ADD CONSTRAINT sentry_rule_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_ruleactivity
    ADD CONSTRAINT sentry_ruleactivity_pkey PRIMARY KEY (id);

CREATE INDEX sentry_organizationintegration_default_auth_id_de5d8f3e ON public.sentry_organizationintegration USING btree (default_auth_id);

CREATE INDEX sentry_organizationintegration_grace_period_end_16cbee7b ON public.sentry_organizationintegration USING btree (grace_period_end);

CREATE INDEX sentry_organizationintegration_integration_id_712b6591 ON public.sentry_organizationintegration USING btree (integration_id);

CREATE INDEX sentry_organizationintegration_organization_id_59b0f2e1 ON public.sentry_organizationintegration USING btree (organization_id);

CREATE INDEX sentry_rule_owner_id_aa4e908b ON public.sentry_rule USING btree (owner_id);

CREATE INDEX sentry_rule_project_id_a555deab ON public.sentry_rule USING btree (project_id);

CREATE INDEX sentry_rule_project_id_status_owner_id_82f20db5_idx ON public.sentry_rule USING btree (project_id, status, owner_id);

CREATE INDEX sentry_rule_status_929820be ON public.sentry_rule USING btree (status);

CREATE INDEX sentry_ruleactivity_rule_id_c3354314 ON public.sentry_ruleactivity USING btree (rule_id);

CREATE INDEX sentry_ruleactivity_user_id_4e97783e ON public.sentry_ruleactivity USING btree (user_id);

ALTER TABLE ONLY public.sentry_organizationintegration
    ADD CONSTRAINT sentry_organizationi_integration_id_712b6591_fk_sentry_in FOREIGN KEY (integration_id) REFERENCES public.sentry_integration(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_rule
    ADD CONSTRAINT sentry_rule_owner_id_aa4e908b_fk_sentry_actor_id FOREIGN KEY (owner_id) REFERENCES public.sentry_actor(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_rule
    ADD CONSTRAINT sentry_rule_project_id_a555deab_fk_sentry_project_id FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_ruleactivity
    ADD CONSTRAINT sentry_ruleactivity_rule_id_c3354314_fk_sentry_rule_id FOREIGN KEY (rule_id) REFERENCES public.sentry_rule(id) DEFERRABLE INITIALLY DEFERRED;

