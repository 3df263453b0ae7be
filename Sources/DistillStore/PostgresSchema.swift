/// The PostgreSQL schema of ``PostgresStore``: named migrations, applied in order, each once,
/// each in its own transaction together with its row in `distill_migration`.
///
/// Migrations are plain SQL, never derived from app types, so an old migration keeps meaning
/// what it meant. Append new ones at the end; never edit or reorder applied ones.
///
/// A migration's position is the number its name starts with, recorded with it in
/// `distill_migration`; positions must rise along the list but may leave gaps, so migrations
/// written side by side can take their numbers in advance and be merged in any order of
/// arrival. Migrations with neighbouring numbers must then not depend on each other.
///
/// Room left for later: articles could gain a nullable `feed_id` column referencing `feed`
/// (migration 5), without touching the existing constraints.
enum PostgresSchema {
  struct Migration: Sendable {
    let name: String
    let statements: [String]

    /// The number the name starts with: 5 for "5 feeds"; 0 (never valid) when it has none.
    var position: Int { Int(name.prefix(while: { $0.isASCII && $0.isNumber })) ?? 0 }
  }

  /// The table that records applied migrations.
  static let migrationTable = """
    CREATE TABLE IF NOT EXISTS distill_migration (
      position integer PRIMARY KEY CHECK (position >= 1),
      name text NOT NULL UNIQUE,
      applied_at timestamptz NOT NULL DEFAULT now()
    )
    """

  static let migrations: [Migration] = [
    Migration(
      name: "1 articles",
      statements: [
        """
        CREATE TABLE article (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          article_id text NOT NULL CHECK (length(article_id) > 0),
          -- The canonical URL, or 'id:' || article_id for an article without one.
          canonical_key text NOT NULL CHECK (length(canonical_key) > 0),
          version integer NOT NULL CHECK (version >= 1),
          content_hash text NOT NULL,
          title text NOT NULL,
          body text NOT NULL,
          url text,
          outlet text,
          published timestamptz,
          stored_at timestamptz NOT NULL,
          json text NOT NULL,
          search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A')
            || setweight(to_tsvector('english', body), 'B')) STORED,
          UNIQUE (canonical_key, version),
          UNIQUE (canonical_key, content_hash)
        )
        """,
        "CREATE INDEX article_on_article_id ON article (article_id)",
        "CREATE INDEX article_search ON article USING GIN (search)",
      ]),
    Migration(
      name: "2 stories",
      statements: [
        """
        CREATE TABLE story (
          id text PRIMARY KEY CHECK (length(id) > 0),
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          CHECK (updated_at >= created_at)
        )
        """,
        "CREATE INDEX story_on_updated_at ON story (updated_at)",
        """
        CREATE TABLE story_article (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          article_key bigint NOT NULL UNIQUE REFERENCES article (id) ON DELETE CASCADE,
          story_id text NOT NULL REFERENCES story (id) ON DELETE CASCADE,
          assigned_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX story_article_on_story_id ON story_article (story_id)",
      ]),
    Migration(
      name: "3 briefs",
      statements: [
        """
        CREATE TABLE brief (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          story_id text NOT NULL REFERENCES story (id) ON DELETE CASCADE,
          version integer NOT NULL CHECK (version >= 1),
          headline text NOT NULL,
          body text NOT NULL,
          json text NOT NULL,
          created_at timestamptz NOT NULL,
          search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', headline), 'A')
            || setweight(to_tsvector('english', body), 'B')) STORED,
          UNIQUE (story_id, version)
        )
        """,
        "CREATE INDEX brief_search ON brief USING GIN (search)",
      ]),
    Migration(
      name: "4 filing",
      statements: [
        // A story's revision grows with each change of its articles; a brief records the
        // revision it was written from, so a story whose brief is older is briefed again,
        // even after a crash between filing and briefing.
        "ALTER TABLE story ADD COLUMN revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0)",
        "ALTER TABLE brief ADD COLUMN revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0)",
        """
        CREATE TABLE filing (
          sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          article_key bigint NOT NULL REFERENCES article (id) ON DELETE CASCADE,
          story_id text NOT NULL REFERENCES story (id) ON DELETE CASCADE,
          filed_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX filing_on_article_key ON filing (article_key)",
        // Stories filed before the log existed: logged in filing order, briefs current.
        """
        INSERT INTO filing (article_key, story_id, filed_at)
        SELECT article_key, story_id, assigned_at FROM story_article ORDER BY id
        """,
        "UPDATE story SET revision = 1",
        "UPDATE brief SET revision = 1",
      ]),
    feedsMigration,
    Migration(
      name: "6 clusters",
      statements: [
        // The clusterer's own story of each article, when the story readers see is a
        // consolidation of several (NULL: the same as the story).
        "ALTER TABLE story_article ADD COLUMN cluster_id text",
        "ALTER TABLE filing ADD COLUMN cluster_id text",
      ]),
  ]
}
