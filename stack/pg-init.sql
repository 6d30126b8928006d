-- Idempotent PostgreSQL set-up for Vigil, run by ./vigil as a superuser against each database (vigil, vigil_test).
SET client_min_messages = warning;
-- Each service owns one schema through its own login role; no service can read another's tables.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_accounts') THEN
    CREATE ROLE vigil_accounts LOGIN PASSWORD 'vigil_accounts';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_findings') THEN
    CREATE ROLE vigil_findings LOGIN PASSWORD 'vigil_findings';
  END IF;
END
$$;
CREATE SCHEMA IF NOT EXISTS accounts AUTHORIZATION vigil_accounts;
CREATE SCHEMA IF NOT EXISTS findings AUTHORIZATION vigil_findings;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
