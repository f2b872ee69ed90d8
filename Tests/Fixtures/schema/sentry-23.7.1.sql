-- Self-hosted Sentry 23.7.1: the configuration tables as Sentry's own migrations create them.
--
-- Profile 23.x. Generated data, not hand-written: the body is the pg_dump (PostgreSQL 15) of a
-- database migrated by Sentry 23.7.1 itself (reference/schema/sentry-23.7.1-config-tables.sql),
-- kept verbatim. Added here: the citext extension (sentry_email.email) so the file loads into an
-- empty database, the django_migrations rows, and at the end the two tables that deletes touch
-- (sentry_regionscheduleddeletion, sentry_organizationaccessrequest), whose DDL is what Sentry
-- 23.7.1's own models generate (Django's schema editor over RegionScheduledDeletion and
-- OrganizationAccessRequest, collect_sql), schema-qualified; and the environment tables
-- (sentry_environment, sentry_environmentproject) as pg_dump prints them from a database Sentry
-- 23.7.1's `sentry upgrade` migrated.
--
-- django_migrations: ids and names of the sentry rows, and per-app heads and counts, come from
-- reference/schema/sentry-23.7.1-migrations-tail.txt. Only the first three and the last five
-- sentry rows are listed (ids 23-339 are left out); the rows of the other apps carry Django's
-- and the apps' own migration names. Inferred: which app took which of ids 1-19 and 344-348
-- (from the counts: the apps that do not depend on sentry ran first), and the name of replays
-- 0002 (the app's history has two, 0002_rename_to_segment_id and 0002_change_sequence_id_to_segment_id).
--
-- Load: psql -v ON_ERROR_STOP=1 -d DB -f sentry-23.7.1.sql

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: auth_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_user (
    id bigint NOT NULL,
    password character varying(128) NOT NULL,
    last_login timestamp with time zone,
    username character varying(128) NOT NULL,
    first_name character varying(200) NOT NULL,
    email character varying(75) NOT NULL,
    is_staff boolean NOT NULL,
    is_active boolean NOT NULL,
    is_superuser boolean NOT NULL,
    is_managed boolean NOT NULL,
    is_sentry_app boolean,
    is_password_expired boolean NOT NULL,
    last_password_change timestamp with time zone,
    flags bigint,
    session_nonce character varying(12),
    date_joined timestamp with time zone NOT NULL,
    last_active timestamp with time zone,
    avatar_type smallint DEFAULT 0 NOT NULL,
    avatar_url character varying(120) DEFAULT NULL::character varying
);


--
-- Name: auth_user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_user_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_user_id_seq OWNED BY public.auth_user.id;


--
-- Name: django_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_migrations (
    id integer NOT NULL,
    app character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    applied timestamp with time zone NOT NULL
);


--
-- Name: django_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.django_migrations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: django_migrations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.django_migrations_id_seq OWNED BY public.django_migrations.id;


--
-- Name: sentry_actor; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_actor (
    id bigint NOT NULL,
    type smallint NOT NULL,
    team_id bigint,
    user_id bigint,
    CONSTRAINT sentry_actor_type_check CHECK ((type >= 0))
);


--
-- Name: sentry_actor_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_actor_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_actor_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_actor_id_seq OWNED BY public.sentry_actor.id;


--
-- Name: sentry_controloutbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_controloutbox (
    id bigint NOT NULL,
    shard_scope integer NOT NULL,
    shard_identifier bigint NOT NULL,
    category integer NOT NULL,
    object_identifier bigint NOT NULL,
    payload text,
    scheduled_from timestamp with time zone NOT NULL,
    scheduled_for timestamp with time zone NOT NULL,
    region_name character varying(48) NOT NULL,
    CONSTRAINT sentry_controloutbox_category_check CHECK ((category >= 0)),
    CONSTRAINT sentry_controloutbox_shard_scope_check CHECK ((shard_scope >= 0))
);


--
-- Name: sentry_controloutbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_controloutbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_controloutbox_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_controloutbox_id_seq OWNED BY public.sentry_controloutbox.id;


--
-- Name: sentry_email; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_email (
    id bigint NOT NULL,
    email public.citext NOT NULL,
    date_added timestamp with time zone NOT NULL
);


--
-- Name: sentry_email_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_email_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_email_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_email_id_seq OWNED BY public.sentry_email.id;


--
-- Name: sentry_organization; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_organization (
    id bigint NOT NULL,
    name character varying(64) NOT NULL,
    slug character varying(50) NOT NULL,
    status integer NOT NULL,
    date_added timestamp with time zone NOT NULL,
    default_role character varying(32) NOT NULL,
    flags bigint NOT NULL,
    is_test boolean DEFAULT false NOT NULL,
    CONSTRAINT sentry_organization_status_check CHECK ((status >= 0))
);


--
-- Name: sentry_organization_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_organization_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_organization_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_organization_id_seq OWNED BY public.sentry_organization.id;


--
-- Name: sentry_organizationmapping; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_organizationmapping (
    id bigint NOT NULL,
    organization_id bigint NOT NULL,
    slug character varying(50) NOT NULL,
    name character varying(64) NOT NULL,
    date_created timestamp with time zone NOT NULL,
    customer_id character varying(255),
    verified boolean NOT NULL,
    idempotency_key character varying(48) NOT NULL,
    region_name character varying(48) NOT NULL,
    status bigint
);


--
-- Name: sentry_organizationmapping_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_organizationmapping_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_organizationmapping_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_organizationmapping_id_seq OWNED BY public.sentry_organizationmapping.id;


--
-- Name: sentry_organizationmember; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_organizationmember (
    id bigint NOT NULL,
    email character varying(75),
    role character varying(32) NOT NULL,
    flags bigint NOT NULL,
    token character varying(64),
    date_added timestamp with time zone NOT NULL,
    token_expires_at timestamp with time zone,
    has_global_access boolean NOT NULL,
    type integer NOT NULL,
    organization_id bigint NOT NULL,
    user_id bigint,
    inviter_id bigint,
    invite_status smallint,
    user_is_active boolean DEFAULT true NOT NULL,
    user_email character varying(75),
    CONSTRAINT sentry_organizationmember_invite_status_check CHECK ((invite_status >= 0)),
    CONSTRAINT sentry_organizationmember_type_check CHECK ((type >= 0))
);


--
-- Name: sentry_organizationmember_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_organizationmember_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_organizationmember_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_organizationmember_id_seq OWNED BY public.sentry_organizationmember.id;


--
-- Name: sentry_organizationmember_teams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_organizationmember_teams (
    id integer NOT NULL,
    is_active boolean NOT NULL,
    organizationmember_id bigint NOT NULL,
    team_id bigint NOT NULL,
    role character varying(32)
);


--
-- Name: sentry_organizationmember_teams_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_organizationmember_teams_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_organizationmember_teams_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_organizationmember_teams_id_seq OWNED BY public.sentry_organizationmember_teams.id;


--
-- Name: sentry_organizationmembermapping; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_organizationmembermapping (
    id bigint NOT NULL,
    organization_id bigint NOT NULL,
    date_added timestamp with time zone NOT NULL,
    role character varying(32) NOT NULL,
    email character varying(75),
    invite_status smallint,
    inviter_id bigint,
    user_id bigint,
    organizationmember_id bigint,
    CONSTRAINT sentry_organizationmembermapping_invite_status_check CHECK ((invite_status >= 0))
);


--
-- Name: sentry_organizationmembermapping_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_organizationmembermapping_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_organizationmembermapping_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_organizationmembermapping_id_seq OWNED BY public.sentry_organizationmembermapping.id;


--
-- Name: sentry_organizationoptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_organizationoptions (
    id bigint NOT NULL,
    key character varying(64) NOT NULL,
    value text NOT NULL,
    organization_id bigint NOT NULL
);


--
-- Name: sentry_organizationoptions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_organizationoptions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_organizationoptions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_organizationoptions_id_seq OWNED BY public.sentry_organizationoptions.id;


--
-- Name: sentry_project; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_project (
    id bigint NOT NULL,
    slug character varying(50),
    name character varying(200) NOT NULL,
    forced_color character varying(6),
    public boolean NOT NULL,
    date_added timestamp with time zone NOT NULL,
    status integer NOT NULL,
    first_event timestamp with time zone,
    flags bigint,
    platform character varying(64),
    organization_id bigint NOT NULL,
    CONSTRAINT sentry_project_status_check CHECK ((status >= 0))
);


--
-- Name: sentry_project_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_project_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_project_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_project_id_seq OWNED BY public.sentry_project.id;


--
-- Name: sentry_projectkey; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_projectkey (
    id bigint NOT NULL,
    label character varying(64),
    public_key character varying(32),
    secret_key character varying(32),
    roles bigint NOT NULL,
    status integer NOT NULL,
    date_added timestamp with time zone,
    rate_limit_count integer,
    rate_limit_window integer,
    data text NOT NULL,
    project_id bigint NOT NULL,
    CONSTRAINT sentry_projectkey_rate_limit_count_check CHECK ((rate_limit_count >= 0)),
    CONSTRAINT sentry_projectkey_rate_limit_window_check CHECK ((rate_limit_window >= 0)),
    CONSTRAINT sentry_projectkey_status_check CHECK ((status >= 0))
);


--
-- Name: sentry_projectkey_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_projectkey_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_projectkey_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_projectkey_id_seq OWNED BY public.sentry_projectkey.id;


--
-- Name: sentry_projectoptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_projectoptions (
    id bigint NOT NULL,
    key character varying(64) NOT NULL,
    value text NOT NULL,
    project_id bigint NOT NULL
);


--
-- Name: sentry_projectoptions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_projectoptions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_projectoptions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_projectoptions_id_seq OWNED BY public.sentry_projectoptions.id;


--
-- Name: sentry_projectownership; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_projectownership (
    id bigint NOT NULL,
    raw text,
    schema text,
    fallthrough boolean NOT NULL,
    date_created timestamp with time zone NOT NULL,
    last_updated timestamp with time zone NOT NULL,
    is_active boolean NOT NULL,
    project_id bigint NOT NULL,
    auto_assignment boolean NOT NULL,
    codeowners_auto_sync boolean,
    suspect_committer_auto_assignment boolean DEFAULT false NOT NULL
);


--
-- Name: sentry_projectownership_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_projectownership_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_projectownership_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_projectownership_id_seq OWNED BY public.sentry_projectownership.id;


--
-- Name: sentry_projectteam; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_projectteam (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    team_id bigint NOT NULL
);


--
-- Name: sentry_projectteam_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_projectteam_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_projectteam_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_projectteam_id_seq OWNED BY public.sentry_projectteam.id;


--
-- Name: sentry_regionoutbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_regionoutbox (
    id bigint NOT NULL,
    shard_scope integer NOT NULL,
    shard_identifier bigint NOT NULL,
    category integer NOT NULL,
    object_identifier bigint NOT NULL,
    payload text,
    scheduled_from timestamp with time zone NOT NULL,
    scheduled_for timestamp with time zone NOT NULL,
    CONSTRAINT sentry_regionoutbox_category_check CHECK ((category >= 0)),
    CONSTRAINT sentry_regionoutbox_shard_scope_check CHECK ((shard_scope >= 0))
);


--
-- Name: sentry_regionoutbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_regionoutbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_regionoutbox_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_regionoutbox_id_seq OWNED BY public.sentry_regionoutbox.id;


--
-- Name: sentry_team; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_team (
    id bigint NOT NULL,
    slug character varying(50) NOT NULL,
    name character varying(64) NOT NULL,
    status integer NOT NULL,
    date_added timestamp with time zone,
    organization_id bigint NOT NULL,
    actor_id bigint,
    idp_provisioned boolean DEFAULT false NOT NULL,
    org_role character varying(32),
    CONSTRAINT sentry_team_status_check CHECK ((status >= 0))
);


--
-- Name: sentry_team_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_team_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_team_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_team_id_seq OWNED BY public.sentry_team.id;


--
-- Name: sentry_useremail; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sentry_useremail (
    id bigint NOT NULL,
    email character varying(75) NOT NULL,
    validation_hash character varying(32) NOT NULL,
    date_hash_added timestamp with time zone NOT NULL,
    is_verified boolean NOT NULL,
    user_id bigint NOT NULL
);


--
-- Name: sentry_useremail_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sentry_useremail_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sentry_useremail_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sentry_useremail_id_seq OWNED BY public.sentry_useremail.id;


--
-- Name: auth_user id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user ALTER COLUMN id SET DEFAULT nextval('public.auth_user_id_seq'::regclass);


--
-- Name: django_migrations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_migrations ALTER COLUMN id SET DEFAULT nextval('public.django_migrations_id_seq'::regclass);


--
-- Name: sentry_actor id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_actor ALTER COLUMN id SET DEFAULT nextval('public.sentry_actor_id_seq'::regclass);


--
-- Name: sentry_controloutbox id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_controloutbox ALTER COLUMN id SET DEFAULT nextval('public.sentry_controloutbox_id_seq'::regclass);


--
-- Name: sentry_email id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_email ALTER COLUMN id SET DEFAULT nextval('public.sentry_email_id_seq'::regclass);


--
-- Name: sentry_organization id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organization ALTER COLUMN id SET DEFAULT nextval('public.sentry_organization_id_seq'::regclass);


--
-- Name: sentry_organizationmapping id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmapping ALTER COLUMN id SET DEFAULT nextval('public.sentry_organizationmapping_id_seq'::regclass);


--
-- Name: sentry_organizationmember id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember ALTER COLUMN id SET DEFAULT nextval('public.sentry_organizationmember_id_seq'::regclass);


--
-- Name: sentry_organizationmember_teams id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember_teams ALTER COLUMN id SET DEFAULT nextval('public.sentry_organizationmember_teams_id_seq'::regclass);


--
-- Name: sentry_organizationmembermapping id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmembermapping ALTER COLUMN id SET DEFAULT nextval('public.sentry_organizationmembermapping_id_seq'::regclass);


--
-- Name: sentry_organizationoptions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationoptions ALTER COLUMN id SET DEFAULT nextval('public.sentry_organizationoptions_id_seq'::regclass);


--
-- Name: sentry_project id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_project ALTER COLUMN id SET DEFAULT nextval('public.sentry_project_id_seq'::regclass);


--
-- Name: sentry_projectkey id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectkey ALTER COLUMN id SET DEFAULT nextval('public.sentry_projectkey_id_seq'::regclass);


--
-- Name: sentry_projectoptions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectoptions ALTER COLUMN id SET DEFAULT nextval('public.sentry_projectoptions_id_seq'::regclass);


--
-- Name: sentry_projectownership id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectownership ALTER COLUMN id SET DEFAULT nextval('public.sentry_projectownership_id_seq'::regclass);


--
-- Name: sentry_projectteam id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectteam ALTER COLUMN id SET DEFAULT nextval('public.sentry_projectteam_id_seq'::regclass);


--
-- Name: sentry_regionoutbox id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_regionoutbox ALTER COLUMN id SET DEFAULT nextval('public.sentry_regionoutbox_id_seq'::regclass);


--
-- Name: sentry_team id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_team ALTER COLUMN id SET DEFAULT nextval('public.sentry_team_id_seq'::regclass);


--
-- Name: sentry_useremail id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_useremail ALTER COLUMN id SET DEFAULT nextval('public.sentry_useremail_id_seq'::regclass);


--
-- Name: auth_user auth_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user
    ADD CONSTRAINT auth_user_pkey PRIMARY KEY (id);


--
-- Name: auth_user auth_user_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user
    ADD CONSTRAINT auth_user_username_key UNIQUE (username);


--
-- Name: django_migrations django_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_migrations
    ADD CONSTRAINT django_migrations_pkey PRIMARY KEY (id);


--
-- Name: sentry_actor sentry_actor_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_actor
    ADD CONSTRAINT sentry_actor_pkey PRIMARY KEY (id);


--
-- Name: sentry_controloutbox sentry_controloutbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_controloutbox
    ADD CONSTRAINT sentry_controloutbox_pkey PRIMARY KEY (id);


--
-- Name: sentry_email sentry_email_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_email
    ADD CONSTRAINT sentry_email_email_key UNIQUE (email);


--
-- Name: sentry_email sentry_email_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_email
    ADD CONSTRAINT sentry_email_pkey PRIMARY KEY (id);


--
-- Name: sentry_organization sentry_organization_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organization
    ADD CONSTRAINT sentry_organization_pkey PRIMARY KEY (id);


--
-- Name: sentry_organization sentry_organization_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organization
    ADD CONSTRAINT sentry_organization_slug_key UNIQUE (slug);


--
-- Name: sentry_organizationmapping sentry_organizationmapping_organization_id_9527c0da_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmapping
    ADD CONSTRAINT sentry_organizationmapping_organization_id_9527c0da_uniq UNIQUE (organization_id);


--
-- Name: sentry_organizationmapping sentry_organizationmapping_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmapping
    ADD CONSTRAINT sentry_organizationmapping_pkey PRIMARY KEY (id);


--
-- Name: sentry_organizationmapping sentry_organizationmapping_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmapping
    ADD CONSTRAINT sentry_organizationmapping_slug_key UNIQUE (slug);


--
-- Name: sentry_organizationmembermapping sentry_organizationmembe_organization_id_organiza_1597515e_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmembermapping
    ADD CONSTRAINT sentry_organizationmembe_organization_id_organiza_1597515e_uniq UNIQUE (organization_id, organizationmember_id);


--
-- Name: sentry_organizationmember_teams sentry_organizationmembe_team_id_organizationmemb_e0385da0_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember_teams
    ADD CONSTRAINT sentry_organizationmembe_team_id_organizationmemb_e0385da0_uniq UNIQUE (team_id, organizationmember_id);


--
-- Name: sentry_organizationmember sentry_organizationmember_organization_id_email_3d42dbe9_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember
    ADD CONSTRAINT sentry_organizationmember_organization_id_email_3d42dbe9_uniq UNIQUE (organization_id, email);


--
-- Name: sentry_organizationmember sentry_organizationmember_organization_id_user_id_065098cf_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember
    ADD CONSTRAINT sentry_organizationmember_organization_id_user_id_065098cf_uniq UNIQUE (organization_id, user_id);


--
-- Name: sentry_organizationmember sentry_organizationmember_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember
    ADD CONSTRAINT sentry_organizationmember_pkey PRIMARY KEY (id);


--
-- Name: sentry_organizationmember_teams sentry_organizationmember_teams_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember_teams
    ADD CONSTRAINT sentry_organizationmember_teams_pkey PRIMARY KEY (id);


--
-- Name: sentry_organizationmember sentry_organizationmember_token_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember
    ADD CONSTRAINT sentry_organizationmember_token_key UNIQUE (token);


--
-- Name: sentry_organizationmembermapping sentry_organizationmembermapping_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmembermapping
    ADD CONSTRAINT sentry_organizationmembermapping_pkey PRIMARY KEY (id);


--
-- Name: sentry_organizationoptions sentry_organizationoptions_organization_id_key_fc85a29d_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationoptions
    ADD CONSTRAINT sentry_organizationoptions_organization_id_key_fc85a29d_uniq UNIQUE (organization_id, key);


--
-- Name: sentry_organizationoptions sentry_organizationoptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationoptions
    ADD CONSTRAINT sentry_organizationoptions_pkey PRIMARY KEY (id);


--
-- Name: sentry_project sentry_project_organization_id_slug_0ac4d5ae_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_project
    ADD CONSTRAINT sentry_project_organization_id_slug_0ac4d5ae_uniq UNIQUE (organization_id, slug);


--
-- Name: sentry_project sentry_project_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_project
    ADD CONSTRAINT sentry_project_pkey PRIMARY KEY (id);


--
-- Name: sentry_projectkey sentry_projectkey_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectkey
    ADD CONSTRAINT sentry_projectkey_pkey PRIMARY KEY (id);


--
-- Name: sentry_projectkey sentry_projectkey_public_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectkey
    ADD CONSTRAINT sentry_projectkey_public_key_key UNIQUE (public_key);


--
-- Name: sentry_projectkey sentry_projectkey_secret_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectkey
    ADD CONSTRAINT sentry_projectkey_secret_key_key UNIQUE (secret_key);


--
-- Name: sentry_projectoptions sentry_projectoptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectoptions
    ADD CONSTRAINT sentry_projectoptions_pkey PRIMARY KEY (id);


--
-- Name: sentry_projectoptions sentry_projectoptions_project_id_key_3c517bcf_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectoptions
    ADD CONSTRAINT sentry_projectoptions_project_id_key_3c517bcf_uniq UNIQUE (project_id, key);


--
-- Name: sentry_projectownership sentry_projectownership_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectownership
    ADD CONSTRAINT sentry_projectownership_pkey PRIMARY KEY (id);


--
-- Name: sentry_projectownership sentry_projectownership_project_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectownership
    ADD CONSTRAINT sentry_projectownership_project_id_key UNIQUE (project_id);


--
-- Name: sentry_projectteam sentry_projectteam_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectteam
    ADD CONSTRAINT sentry_projectteam_pkey PRIMARY KEY (id);


--
-- Name: sentry_projectteam sentry_projectteam_project_id_team_id_2009ee82_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectteam
    ADD CONSTRAINT sentry_projectteam_project_id_team_id_2009ee82_uniq UNIQUE (project_id, team_id);


--
-- Name: sentry_regionoutbox sentry_regionoutbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_regionoutbox
    ADD CONSTRAINT sentry_regionoutbox_pkey PRIMARY KEY (id);


--
-- Name: sentry_team sentry_team_organization_id_slug_d4006598_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_team
    ADD CONSTRAINT sentry_team_organization_id_slug_d4006598_uniq UNIQUE (organization_id, slug);


--
-- Name: sentry_team sentry_team_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_team
    ADD CONSTRAINT sentry_team_pkey PRIMARY KEY (id);


--
-- Name: sentry_useremail sentry_useremail_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_useremail
    ADD CONSTRAINT sentry_useremail_pkey PRIMARY KEY (id);


--
-- Name: sentry_useremail sentry_useremail_user_id_email_ade975f1_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_useremail
    ADD CONSTRAINT sentry_useremail_user_id_email_ade975f1_uniq UNIQUE (user_id, email);


--
-- Name: auth_user_username_6821ab7c_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_user_username_6821ab7c_like ON public.auth_user USING btree (username varchar_pattern_ops);


--
-- Name: sentry_actor_team_id_6ca8eba5_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX sentry_actor_team_id_6ca8eba5_uniq ON public.sentry_actor USING btree (team_id);


--
-- Name: sentry_actor_user_id_c832ff63_uniq; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX sentry_actor_user_id_c832ff63_uniq ON public.sentry_actor USING btree (user_id);


--
-- Name: sentry_controloutbox_region_name_shard_scope__3ab080ca_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_controloutbox_region_name_shard_scope__3ab080ca_idx ON public.sentry_controloutbox USING btree (region_name, shard_scope, shard_identifier, scheduled_for);


--
-- Name: sentry_controloutbox_region_name_shard_scope__4e3255a0_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_controloutbox_region_name_shard_scope__4e3255a0_idx ON public.sentry_controloutbox USING btree (region_name, shard_scope, shard_identifier, id);


--
-- Name: sentry_controloutbox_region_name_shard_scope__db82084e_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_controloutbox_region_name_shard_scope__db82084e_idx ON public.sentry_controloutbox USING btree (region_name, shard_scope, shard_identifier, category, object_identifier);


--
-- Name: sentry_organization_slug_08d8eb22_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organization_slug_08d8eb22_like ON public.sentry_organization USING btree (slug varchar_pattern_ops);


--
-- Name: sentry_organization_slug_upper_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organization_slug_upper_idx ON public.sentry_organization USING btree (upper((slug)::text));


--
-- Name: sentry_organizationmapping_customer_id_857927ca; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmapping_customer_id_857927ca ON public.sentry_organizationmapping USING btree (customer_id);


--
-- Name: sentry_organizationmapping_customer_id_857927ca_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmapping_customer_id_857927ca_like ON public.sentry_organizationmapping USING btree (customer_id varchar_pattern_ops);


--
-- Name: sentry_organizationmapping_organization_id_9527c0da; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmapping_organization_id_9527c0da ON public.sentry_organizationmapping USING btree (organization_id);


--
-- Name: sentry_organizationmapping_slug_6b8871c6_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmapping_slug_6b8871c6_like ON public.sentry_organizationmapping USING btree (slug varchar_pattern_ops);


--
-- Name: sentry_organizationmembe_organization_id_email_66a560fc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmembe_organization_id_email_66a560fc_idx ON public.sentry_organizationmembermapping USING btree (organization_id, email);


--
-- Name: sentry_organizationmembe_organization_id_user_id_feb6bdf0_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmembe_organization_id_user_id_feb6bdf0_idx ON public.sentry_organizationmembermapping USING btree (organization_id, user_id);


--
-- Name: sentry_organizationmember_inviter_id_564cc148; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmember_inviter_id_564cc148 ON public.sentry_organizationmember USING btree (inviter_id);


--
-- Name: sentry_organizationmember_organization_id_06948bec; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmember_organization_id_06948bec ON public.sentry_organizationmember USING btree (organization_id);


--
-- Name: sentry_organizationmember_teams_organizationmember_id_f9d02835; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmember_teams_organizationmember_id_f9d02835 ON public.sentry_organizationmember_teams USING btree (organizationmember_id);


--
-- Name: sentry_organizationmember_teams_team_id_728abcbf; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmember_teams_team_id_728abcbf ON public.sentry_organizationmember_teams USING btree (team_id);


--
-- Name: sentry_organizationmember_token_97b1bd3d_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmember_token_97b1bd3d_like ON public.sentry_organizationmember USING btree (token varchar_pattern_ops);


--
-- Name: sentry_organizationmember_user_id_d514d1bb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmember_user_id_d514d1bb ON public.sentry_organizationmember USING btree (user_id);


--
-- Name: sentry_organizationmembermapping_inviter_id_c1dbf818; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmembermapping_inviter_id_c1dbf818 ON public.sentry_organizationmembermapping USING btree (inviter_id);


--
-- Name: sentry_organizationmembermapping_organization_id_94506069; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmembermapping_organization_id_94506069 ON public.sentry_organizationmembermapping USING btree (organization_id);


--
-- Name: sentry_organizationmembermapping_organizationmember_id_f878dba6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmembermapping_organizationmember_id_f878dba6 ON public.sentry_organizationmembermapping USING btree (organizationmember_id);


--
-- Name: sentry_organizationmembermapping_user_id_3f7be018; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationmembermapping_user_id_3f7be018 ON public.sentry_organizationmembermapping USING btree (user_id);


--
-- Name: sentry_organizationoptions_organization_id_0b7a1499; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_organizationoptions_organization_id_0b7a1499 ON public.sentry_organizationoptions USING btree (organization_id);


--
-- Name: sentry_project_organization_id_fff96c96; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_project_organization_id_fff96c96 ON public.sentry_project USING btree (organization_id);


--
-- Name: sentry_project_slug_b67b0741; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_project_slug_b67b0741 ON public.sentry_project USING btree (slug);


--
-- Name: sentry_project_slug_b67b0741_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_project_slug_b67b0741_like ON public.sentry_project USING btree (slug varchar_pattern_ops);


--
-- Name: sentry_project_status_959d33f3; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_project_status_959d33f3 ON public.sentry_project USING btree (status);


--
-- Name: sentry_projectkey_project_id_8f4c68f0; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectkey_project_id_8f4c68f0 ON public.sentry_projectkey USING btree (project_id);


--
-- Name: sentry_projectkey_public_key_45dee1e5_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectkey_public_key_45dee1e5_like ON public.sentry_projectkey USING btree (public_key varchar_pattern_ops);


--
-- Name: sentry_projectkey_secret_key_ca438974_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectkey_secret_key_ca438974_like ON public.sentry_projectkey USING btree (secret_key varchar_pattern_ops);


--
-- Name: sentry_projectkey_status_a8cc9126; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectkey_status_a8cc9126 ON public.sentry_projectkey USING btree (status);


--
-- Name: sentry_projectoptions_project_id_7a8b81fd; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectoptions_project_id_7a8b81fd ON public.sentry_projectoptions USING btree (project_id);


--
-- Name: sentry_projectteam_project_id_5e2f49e5; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectteam_project_id_5e2f49e5 ON public.sentry_projectteam USING btree (project_id);


--
-- Name: sentry_projectteam_team_id_2181a226; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_projectteam_team_id_2181a226 ON public.sentry_projectteam USING btree (team_id);


--
-- Name: sentry_regionoutbox_shard_scope_shard_identi_80a8a166_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_regionoutbox_shard_scope_shard_identi_80a8a166_idx ON public.sentry_regionoutbox USING btree (shard_scope, shard_identifier, category, object_identifier);


--
-- Name: sentry_regionoutbox_shard_scope_shard_identi_bc439563_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_regionoutbox_shard_scope_shard_identi_bc439563_idx ON public.sentry_regionoutbox USING btree (shard_scope, shard_identifier, scheduled_for);


--
-- Name: sentry_regionoutbox_shard_scope_shard_identi_ec4e1f4f_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_regionoutbox_shard_scope_shard_identi_ec4e1f4f_idx ON public.sentry_regionoutbox USING btree (shard_scope, shard_identifier, id);


--
-- Name: sentry_team_actor_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX sentry_team_actor_idx ON public.sentry_team USING btree (actor_id);


--
-- Name: sentry_team_organization_id_d34b1c8e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_team_organization_id_d34b1c8e ON public.sentry_team USING btree (organization_id);


--
-- Name: sentry_team_slug_55ddf034; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_team_slug_55ddf034 ON public.sentry_team USING btree (slug);


--
-- Name: sentry_team_slug_55ddf034_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_team_slug_55ddf034_like ON public.sentry_team USING btree (slug varchar_pattern_ops);


--
-- Name: sentry_useremail_user_id_4f1e0087; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sentry_useremail_user_id_4f1e0087 ON public.sentry_useremail USING btree (user_id);


--
-- Name: sentry_actor sentry_actor_team_id_6ca8eba5_fk_sentry_team_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_actor
    ADD CONSTRAINT sentry_actor_team_id_6ca8eba5_fk_sentry_team_id FOREIGN KEY (team_id) REFERENCES public.sentry_team(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_organizationmembermapping sentry_organizationm_inviter_id_c1dbf818_fk_auth_user; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmembermapping
    ADD CONSTRAINT sentry_organizationm_inviter_id_c1dbf818_fk_auth_user FOREIGN KEY (inviter_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_organizationmember sentry_organizationm_organization_id_06948bec_fk_sentry_or; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember
    ADD CONSTRAINT sentry_organizationm_organization_id_06948bec_fk_sentry_or FOREIGN KEY (organization_id) REFERENCES public.sentry_organization(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_organizationmember_teams sentry_organizationm_organizationmember_i_f9d02835_fk_sentry_or; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember_teams
    ADD CONSTRAINT sentry_organizationm_organizationmember_i_f9d02835_fk_sentry_or FOREIGN KEY (organizationmember_id) REFERENCES public.sentry_organizationmember(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_organizationmember_teams sentry_organizationm_team_id_728abcbf_fk_sentry_te; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmember_teams
    ADD CONSTRAINT sentry_organizationm_team_id_728abcbf_fk_sentry_te FOREIGN KEY (team_id) REFERENCES public.sentry_team(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_organizationmembermapping sentry_organizationm_user_id_3f7be018_fk_auth_user; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationmembermapping
    ADD CONSTRAINT sentry_organizationm_user_id_3f7be018_fk_auth_user FOREIGN KEY (user_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_organizationoptions sentry_organizationo_organization_id_0b7a1499_fk_sentry_or; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_organizationoptions
    ADD CONSTRAINT sentry_organizationo_organization_id_0b7a1499_fk_sentry_or FOREIGN KEY (organization_id) REFERENCES public.sentry_organization(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_project sentry_project_organization_id_fff96c96_fk_sentry_or; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_project
    ADD CONSTRAINT sentry_project_organization_id_fff96c96_fk_sentry_or FOREIGN KEY (organization_id) REFERENCES public.sentry_organization(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_projectkey sentry_projectkey_project_id_8f4c68f0_fk_sentry_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectkey
    ADD CONSTRAINT sentry_projectkey_project_id_8f4c68f0_fk_sentry_project_id FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_projectoptions sentry_projectoptions_project_id_7a8b81fd_fk_sentry_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectoptions
    ADD CONSTRAINT sentry_projectoptions_project_id_7a8b81fd_fk_sentry_project_id FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_projectownership sentry_projectowners_project_id_1590dbab_fk_sentry_pr; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectownership
    ADD CONSTRAINT sentry_projectowners_project_id_1590dbab_fk_sentry_pr FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_projectteam sentry_projectteam_project_id_5e2f49e5_fk_sentry_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectteam
    ADD CONSTRAINT sentry_projectteam_project_id_5e2f49e5_fk_sentry_project_id FOREIGN KEY (project_id) REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_projectteam sentry_projectteam_team_id_2181a226_fk_sentry_team_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_projectteam
    ADD CONSTRAINT sentry_projectteam_team_id_2181a226_fk_sentry_team_id FOREIGN KEY (team_id) REFERENCES public.sentry_team(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_team sentry_team_actor_idx_fk_sentry_actor_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_team
    ADD CONSTRAINT sentry_team_actor_idx_fk_sentry_actor_id FOREIGN KEY (actor_id) REFERENCES public.sentry_actor(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_team sentry_team_organization_id_d34b1c8e_fk_sentry_organization_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_team
    ADD CONSTRAINT sentry_team_organization_id_d34b1c8e_fk_sentry_organization_id FOREIGN KEY (organization_id) REFERENCES public.sentry_organization(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: sentry_useremail sentry_useremail_user_id_4f1e0087_fk_auth_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sentry_useremail
    ADD CONSTRAINT sentry_useremail_user_id_4f1e0087_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- PostgreSQL database dump complete
--



--
-- django_migrations rows (see the header for what is listed and what is inferred)
--

INSERT INTO public.django_migrations (id, app, name, applied) VALUES
    (1, 'contenttypes', '0001_initial', '2023-07-20 10:00:00+00'),
    (2, 'auth', '0001_initial', '2023-07-20 10:00:00+00'),
    (3, 'contenttypes', '0002_remove_content_type_name', '2023-07-20 10:00:00+00'),
    (4, 'auth', '0002_alter_permission_name_max_length', '2023-07-20 10:00:00+00'),
    (5, 'auth', '0003_alter_user_email_max_length', '2023-07-20 10:00:00+00'),
    (6, 'auth', '0004_alter_user_username_opts', '2023-07-20 10:00:00+00'),
    (7, 'auth', '0005_alter_user_last_login_null', '2023-07-20 10:00:00+00'),
    (8, 'auth', '0006_require_contenttypes_0002', '2023-07-20 10:00:00+00'),
    (9, 'auth', '0007_alter_validators_add_error_messages', '2023-07-20 10:00:00+00'),
    (10, 'auth', '0008_alter_user_username_max_length', '2023-07-20 10:00:00+00'),
    (11, 'auth', '0009_alter_user_last_name_max_length', '2023-07-20 10:00:00+00'),
    (12, 'auth', '0010_alter_group_name_max_length', '2023-07-20 10:00:00+00'),
    (13, 'auth', '0011_update_proxy_permissions', '2023-07-20 10:00:00+00'),
    (14, 'auth', '0012_alter_user_first_name_max_length', '2023-07-20 10:00:00+00'),
    (15, 'nodestore', '0001_initial', '2023-07-20 10:00:00+00'),
    (16, 'nodestore', '0002_nodestore_no_dictfield', '2023-07-20 10:00:00+00'),
    (17, 'sessions', '0001_initial', '2023-07-20 10:00:00+00'),
    (18, 'sites', '0001_initial', '2023-07-20 10:00:00+00'),
    (19, 'sites', '0002_alter_domain_unique', '2023-07-20 10:00:00+00'),
    (20, 'sentry', '0001_squashed_0200_release_indices', '2023-07-20 10:00:01+00'),
    (21, 'sentry', '0201_semver_package', '2023-07-20 10:00:01+00'),
    (22, 'sentry', '0202_org_slug_upper_idx', '2023-07-20 10:00:01+00'),
    (340, 'sentry', '0518_cleanup_bundles_indexes', '2023-07-20 10:00:09+00'),
    (341, 'sentry', '0519_remove_repo_name_constraint', '2023-07-20 10:00:09+00'),
    (342, 'sentry', '0520_add_flat_file_index_table', '2023-07-20 10:00:09+00'),
    (343, 'sentry', '0521_migrate_world_map_widgets', '2023-07-20 10:00:09+00'),
    (344, 'replays', '0001_init_replays', '2023-07-20 10:00:10+00'),
    (345, 'replays', '0002_rename_to_segment_id', '2023-07-20 10:00:10+00'),
    (346, 'replays', '0003_add_size_to_recording_segment', '2023-07-20 10:00:10+00'),
    (347, 'social_auth', '0001_initial', '2023-07-20 10:00:10+00'),
    (348, 'social_auth', '0002_default_auto_field', '2023-07-20 10:00:10+00'),
    (349, 'sentry', '0001_squashed_0484_break_org_member_user_fk', '2023-07-20 10:00:10+00');

SELECT pg_catalog.setval('public.django_migrations_id_seq', 349, true);

--
-- Added: tables that --prune and member deletes write, generated by Sentry 23.7.1's own models
-- (models/scheduledeletion.py RegionScheduledDeletion, models/organizationaccessrequest.py).
--

CREATE TABLE public.sentry_regionscheduleddeletion (
    id bigserial NOT NULL PRIMARY KEY,
    guid character varying(32) NOT NULL UNIQUE,
    app_label character varying(64) NOT NULL,
    model_name character varying(64) NOT NULL,
    object_id bigint NOT NULL,
    date_added timestamp with time zone NOT NULL,
    date_scheduled timestamp with time zone NOT NULL,
    actor_id bigint,
    data text NOT NULL,
    in_progress boolean NOT NULL
);
ALTER TABLE public.sentry_regionscheduleddeletion
    ADD CONSTRAINT sentry_regionscheduledde_app_label_model_name_obj_50601303_uniq UNIQUE (app_label, model_name, object_id);
CREATE INDEX sentry_regionscheduleddeletion_guid_fd5dcc6f_like
    ON public.sentry_regionscheduleddeletion USING btree (guid varchar_pattern_ops);

CREATE TABLE public.sentry_organizationaccessrequest (
    id bigserial NOT NULL PRIMARY KEY,
    team_id bigint NOT NULL,
    member_id bigint NOT NULL,
    requester_id bigint
);
ALTER TABLE public.sentry_organizationaccessrequest
    ADD CONSTRAINT sentry_organizationacces_team_id_member_id_181428bb_uniq UNIQUE (team_id, member_id);
ALTER TABLE public.sentry_organizationaccessrequest
    ADD CONSTRAINT sentry_organizationa_team_id_7fc76581_fk_sentry_te FOREIGN KEY (team_id)
    REFERENCES public.sentry_team(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE public.sentry_organizationaccessrequest
    ADD CONSTRAINT sentry_organizationa_member_id_dd8e9a2a_fk_sentry_or FOREIGN KEY (member_id)
    REFERENCES public.sentry_organizationmember(id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX sentry_organizationaccessrequest_team_id_7fc76581
    ON public.sentry_organizationaccessrequest USING btree (team_id);
CREATE INDEX sentry_organizationaccessrequest_member_id_dd8e9a2a
    ON public.sentry_organizationaccessrequest USING btree (member_id);
CREATE INDEX sentry_organizationaccessrequest_requester_id_73de4b1e
    ON public.sentry_organizationaccessrequest USING btree (requester_id);

-- Environments (organization rows and per-project rows with the hidden flag), as pg_dump prints
-- them from a database Sentry 23.7.1's own `sentry upgrade` migrated.
CREATE TABLE public.sentry_environment (
    id bigint NOT NULL,
    organization_id bigint NOT NULL,
    project_id bigint,
    name character varying(64) NOT NULL,
    date_added timestamp with time zone NOT NULL
);
CREATE SEQUENCE public.sentry_environment_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.sentry_environment_id_seq OWNED BY public.sentry_environment.id;
ALTER TABLE ONLY public.sentry_environment
    ALTER COLUMN id SET DEFAULT nextval('public.sentry_environment_id_seq'::regclass);
ALTER TABLE ONLY public.sentry_environment
    ADD CONSTRAINT sentry_environment_organization_id_name_95a37dc7_uniq UNIQUE (organization_id, name);
ALTER TABLE ONLY public.sentry_environment
    ADD CONSTRAINT sentry_environment_pkey PRIMARY KEY (id);

CREATE TABLE public.sentry_environmentproject (
    id bigint NOT NULL,
    is_hidden boolean,
    environment_id bigint NOT NULL,
    project_id bigint NOT NULL
);
CREATE SEQUENCE public.sentry_environmentproject_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.sentry_environmentproject_id_seq OWNED BY public.sentry_environmentproject.id;
ALTER TABLE ONLY public.sentry_environmentproject
    ALTER COLUMN id SET DEFAULT nextval('public.sentry_environmentproject_id_seq'::regclass);
ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentprojec_project_id_environment_i_91da82f2_uniq UNIQUE (project_id, environment_id);
ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentproject_pkey PRIMARY KEY (id);
CREATE INDEX sentry_environmentproject_environment_id_f5d02227
    ON public.sentry_environmentproject USING btree (environment_id);
CREATE INDEX sentry_environmentproject_project_id_f57a07ae
    ON public.sentry_environmentproject USING btree (project_id);
ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentpr_environment_id_f5d02227_fk_sentry_en FOREIGN KEY (environment_id)
    REFERENCES public.sentry_environment(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY public.sentry_environmentproject
    ADD CONSTRAINT sentry_environmentpr_project_id_f57a07ae_fk_sentry_pr FOREIGN KEY (project_id)
    REFERENCES public.sentry_project(id) DEFERRABLE INITIALLY DEFERRED;
