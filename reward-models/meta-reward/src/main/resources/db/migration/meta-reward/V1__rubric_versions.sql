-- Every version of every task's rubric, append-only. Portable between PostgreSQL and H2.
CREATE TABLE rubric_version (
  task           VARCHAR(200)      NOT NULL,
  version        INTEGER           NOT NULL,
  parent_version INTEGER,
  description    VARCHAR(100000)   NOT NULL,
  items          VARCHAR(1000000)  NOT NULL,
  author         VARCHAR(200)      NOT NULL,
  trigger_kind   VARCHAR(200)      NOT NULL,
  analysis       VARCHAR(1000000),
  samples        VARCHAR(10000000),
  created_at_ms  BIGINT            NOT NULL,
  CONSTRAINT pk_rubric_version PRIMARY KEY (task, version)
);
