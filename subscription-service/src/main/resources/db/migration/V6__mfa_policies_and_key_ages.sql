-- Each organisation's MFA policy as enterprise-service announces it (mfa_policy.changed). An organisation without a
-- row requires MFA, as enterprise-service's own default says. policy_at (the event's time) keeps a late event from
-- undoing a newer one.
create table organisation_mfa_policies (
    organisation_id uuid        primary key,
    mfa_required    boolean     not null,
    policy_at       timestamptz not null,
    changed_by      text,
    event_id        text        not null
);

-- When this service first signed with a key that comes from the environment (AIFA_SIGNING_KEY): the key carries no
-- date, and aifa_identity_signing_key_age_seconds must tell an overdue rotation from a fresh one.
create table environment_signing_keys (
    kid           text        primary key,
    first_used_at timestamptz not null
);
