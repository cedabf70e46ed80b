-- The tables SqlFilterH2Test stores users in, which SqlFilterTest.MAPPING maps User attributes to.
CREATE TABLE users (
  id VARCHAR(16) PRIMARY KEY,
  user_name VARCHAR(200),
  external_id VARCHAR(200),
  display_name VARCHAR(200),
  nick_name VARCHAR(200),
  title VARCHAR(200),
  user_type VARCHAR(200),
  profile_url VARCHAR(200),
  locale VARCHAR(200),
  active BOOLEAN,
  formatted VARCHAR(200),
  given_name VARCHAR(200),
  family_name VARCHAR(200),
  middle_name VARCHAR(200),
  honorific_prefix VARCHAR(200),
  honorific_suffix VARCHAR(200),
  created TIMESTAMP WITH TIME ZONE,
  last_modified TIMESTAMP WITH TIME ZONE,
  location VARCHAR(200),
  version VARCHAR(200),
  employee_number VARCHAR(200),
  department VARCHAR(200),
  cost_center VARCHAR(200),
  organization VARCHAR(200),
  division VARCHAR(200),
  manager_value VARCHAR(200),
  manager_ref VARCHAR(200),
  manager_display_name VARCHAR(200),
  login_count INTEGER,
  score DECIMAL(10, 3),
  hired_at TIMESTAMP WITH TIME ZONE
);
CREATE TABLE user_tags (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  tag VARCHAR(200)
);
CREATE TABLE user_emails (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  value VARCHAR(200),
  type VARCHAR(200),
  is_primary BOOLEAN,
  display VARCHAR(200)
);
CREATE TABLE user_phones (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  value VARCHAR(200),
  type VARCHAR(200),
  is_primary BOOLEAN
);
CREATE TABLE user_addresses (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  formatted VARCHAR(200),
  street_address VARCHAR(200),
  locality VARCHAR(200),
  region VARCHAR(200),
  postal_code VARCHAR(200),
  country VARCHAR(200),
  type VARCHAR(200),
  is_primary BOOLEAN
);
CREATE TABLE user_ims (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  value VARCHAR(200),
  type VARCHAR(200),
  is_primary BOOLEAN,
  display VARCHAR(200)
);
CREATE TABLE user_roles (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  value VARCHAR(200),
  type VARCHAR(200),
  is_primary BOOLEAN,
  display VARCHAR(200)
);
CREATE TABLE user_groups (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  group_id VARCHAR(200) NOT NULL,
  display VARCHAR(200),
  type VARCHAR(200)
);
CREATE TABLE user_certificates (
  user_id VARCHAR(16) NOT NULL REFERENCES users (id),
  der_base64 VARCHAR(200),
  display VARCHAR(200),
  type VARCHAR(200),
  is_primary BOOLEAN
);
