-- The same tables as alerts-23.x.sql as 24.x and later store them, for the 24.x, 25.10 and 26.x
-- fixtures: sentry_rule.label varchar(256) (migration 0625, 2023-12-21), owner_user_id (no FK,
-- HybridCloudForeignKey) and owner_team_id (FK sentry_team) with a check that not both are set
-- (0703, 2024-04-22; 0708), and owner_id dropped (0720, 2024-05-08); reference/alerts.md §2.1-§2.2.
-- [inferred] index and constraint names of the 24.x columns, generated the way Django names them is
-- not checked against a real 24.x database; the integration tables are 23.7.1's.

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
    label character varying(256) NOT NULL,
    data text NOT NULL,
    status integer NOT NULL,
    date_added timestamp with time zone NOT NULL,
    project_id bigint NOT NULL,
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

CREATE INDEX sentry_rule_project_id_a555deab ON public.sentry_rule USING btree (project_id);

CREATE INDEX sentry_rule_status_929820be ON public.sentry_rule USING btree (status);

CREATE INDEX sentry_ruleactivity_rule_id_c3354314 ON public.sentry_ruleactivity USING btree (rule_id);

CREATE INDEX sentry_ruleactivity_user_id_4e97783e ON public.sentry_ruleactivity USING btree (user_id);

ALTER TABLE ONLY public.sentry_organizationintegration
    ADD CONSTRAINT sentry_organizationi_integration_id_712b6591_fk_sentry_in FOREIGN KEY (integration_id) REFERENCES public.sentry_integration(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_rule
    ADD CONSTRAINT sentry_rule_project_id_a555deab_fk_sentry_project_id FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_ruleactivity
    ADD CONSTRAINT sentry_ruleactivity_rule_id_c3354314_fk_sentry_rule_id FOREIGN KEY (rule_id) REFERENCES public.sentry_rule(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_rule ADD COLUMN owner_user_id bigint;

ALTER TABLE ONLY public.sentry_rule ADD COLUMN owner_team_id bigint;

ALTER TABLE ONLY public.sentry_rule
    ADD CONSTRAINT rule_owner_user_or_team_check CHECK (((owner_user_id IS NULL) OR (owner_team_id IS NULL)));

CREATE INDEX sentry_rule_owner_team_id_0bde4fb4 ON public.sentry_rule USING btree (owner_team_id);

CREATE INDEX sentry_rule_project_id_status_owner_team_id_idx ON public.sentry_rule USING btree (project_id, status, owner_team_id);

CREATE INDEX sentry_rule_project_id_status_owner_user_id_idx ON public.sentry_rule USING btree (project_id, status, owner_user_id);

ALTER TABLE ONLY public.sentry_rule
    ADD CONSTRAINT sentry_rule_owner_team_id_0bde4fb4_fk_sentry_team_id FOREIGN KEY (owner_team_id) REFERENCES public.sentry_team(id) DEFERRABLE INITIALLY DEFERRED;
