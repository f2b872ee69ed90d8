-- sentry_environment and sentry_environmentproject of Sentry 23.7.1, verbatim from the same pg_dump
-- as alerts-23.x.sql. Loaded only into fixtures that do not have them yet (the environments work of
-- issue 14 adds them to sentry-23.7.1.sql itself; then this file is skipped and can go).

CREATE TABLE public.sentry_environment (
    id bigint NOT NULL,
    organization_id bigint NOT NULL,
    project_id bigint,
    name character varying(64) NOT NULL,
    date_added timestamp with time zone NOT NULL
);

CREATE TABLE public.sentry_environmentproject (
    id bigint NOT NULL,
    is_hidden boolean,
    environment_id bigint NOT NULL,
    project_id bigint NOT NULL
);

CREATE SEQUENCE public.sentry_environment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_environment_id_seq OWNED BY public.sentry_environment.id;

CREATE SEQUENCE public.sentry_environmentproject_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.sentry_environmentproject_id_seq OWNED BY public.sentry_environmentproject.id;

ALTER TABLE ONLY public.sentry_environment ALTER COLUMN id SET DEFAULT nextval('public.sentry_environment_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_environmentproject ALTER COLUMN id SET DEFAULT nextval('public.sentry_environmentproject_id_seq'::regclass);

ALTER TABLE ONLY public.sentry_environment
    ADD CONSTRAINT sentry_environment_organization_id_name_95a37dc7_uniq UNIQUE (organization_id, name);

ALTER TABLE ONLY public.sentry_environment
    ADD CONSTRAINT sentry_environment_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentprojec_project_id_environment_i_91da82f2_uniq UNIQUE (project_id, environment_id);

ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentproject_pkey PRIMARY KEY (id);

CREATE INDEX sentry_environmentproject_environment_id_f5d02227 ON public.sentry_environmentproject USING btree (environment_id);

CREATE INDEX sentry_environmentproject_project_id_f57a07ae ON public.sentry_environmentproject USING btree (project_id);

ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentpr_environment_id_f5d02227_fk_sentry_en FOREIGN KEY (environment_id) REFERENCES public.sentry_environment(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentpr_project_id_f57a07ae_fk_sentry_pr FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;

