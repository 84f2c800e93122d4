-- Optional two-factor sign-in (TOTP). The shared secret must be readable to check codes,
-- so it is stored as it is; a session stays pending until the second factor is given.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE sessions ADD COLUMN mfa_pending BOOLEAN NOT NULL DEFAULT FALSE;
