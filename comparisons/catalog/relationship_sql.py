"""The SQL differences of the relationship rows, declared per row and variant.

Captured since relationship scenarios record their statements. They follow from
what each row's ``why`` says: the tutorial names the association table ``tags`` in
legacy and ``post_tag`` in modern; a dynamic relationship queries on every call where
a list loads once and a write-only collection sends only what is asked; a NOT NULL
key makes the database refuse the UPDATE or INSERT that the nullable key accepts.
The seeded graph is stored with one executemany INSERT per table on PostgreSQL and
MariaDB (3 statements) and one INSERT per row on SQLite (6): the same rows.
"""

from __future__ import annotations

from comparisons.values.diff import Diff
from comparisons.values.rows import On

ONE_TO_MANY_AS_WRITTEN = (
    Diff('sql', 'statement 3 of 3', 'UPDATE post SET user_id=:user_id WHERE post.id = :post_id', 'UPDATE post SET user_id=:user_id WHERE post.id = :post_id (refused: IntegrityError)', 'remove child'),
    Diff('sql', 'only one side sent', 'UPDATE post SET user_id=:user_id WHERE post.id = :post_id | DELETE FROM "user" WHERE "user".id = :id', 'UPDATE post SET user_id=:user_id WHERE post.id = :post_id (refused: IntegrityError)', 'delete parent'),
    Diff('sql', 'statement 1 of 1', 'INSERT INTO post (user_id) VALUES (:user_id)', 'INSERT INTO post (user_id) VALUES (:user_id) (refused: IntegrityError)', 'child without parent'),
    Diff('statements', '', '4', '3', 'delete parent'),
)
ONE_TO_MANY_AS_WRITTEN_ON = (
)

MANY_TO_MANY_AS_WRITTEN = (
    Diff('sql', '2 of 3 statements, first 2', 'SELECT tag.id FROM tag, tags WHERE :param_1 = tags.post_id AND tag.id = tags.tag_id', 'SELECT tag.id FROM tag, post_tag WHERE :param_1 = post_tag.post_id AND tag.id = post_tag.tag_id', 'remove child'),
    Diff('sql', '2 of 4 statements, first 2', 'SELECT post.id FROM post, tags WHERE :param_1 = tags.tag_id AND post.id = tags.post_id', 'SELECT post.id FROM post, post_tag WHERE :param_1 = post_tag.tag_id AND post.id = post_tag.post_id', 'delete shared tag'),
    Diff('sql', '2 of 4 statements, first 2', 'SELECT tag.id FROM tag, tags WHERE :param_1 = tags.post_id AND tag.id = tags.tag_id', 'SELECT tag.id FROM tag, post_tag WHERE :param_1 = post_tag.post_id AND tag.id = post_tag.tag_id', 'delete parent'),
    Diff('sql', '3 of 4 statements, first 2', 'SELECT tag.id FROM tag, tags WHERE :param_1 = tags.post_id AND tag.id = tags.tag_id', 'SELECT tag.id FROM tag, post_tag WHERE :param_1 = post_tag.post_id AND tag.id = post_tag.tag_id', 'lazy loading'),
    Diff('sql', '5 of 9 statements, first 2', 'SELECT tag.id FROM tag, tags WHERE :param_1 = tags.post_id AND tag.id = tags.tag_id', 'SELECT tag.id FROM tag, post_tag WHERE :param_1 = post_tag.post_id AND tag.id = post_tag.tag_id', 'navigate'),
    Diff('sql', 'only one side sent', 'SELECT post.id FROM post, tags WHERE :param_1 = tags.tag_id AND post.id = tags.post_id (x2) | SELECT count(*) AS count_1 FROM (SELECT post.id AS post_id FROM post, tags WHERE :param_1 = tags.tag_id AND post.id = tags.post_id) AS anon_1 | SELECT post.id FROM post, tags WHERE :param_1 = tags.tag_id AND post.id = tags.post_id AND post.id = :id_1', 'SELECT post.id FROM post, post_tag WHERE :param_1 = post_tag.tag_id AND post.id = post_tag.post_id', 'collection'),
    Diff('sql', 'statement 1 of 1', 'SELECT post.id, tag_1.id AS id_1 FROM post LEFT OUTER JOIN (tags AS tags_1 JOIN tag AS tag_1 ON tag_1.id = tags_1.tag_id) ON post.id = tags_1.post_id ORDER BY post.id', 'SELECT post.id, tag_1.id AS id_1 FROM post LEFT OUTER JOIN (post_tag AS post_tag_1 JOIN tag AS tag_1 ON tag_1.id = post_tag_1.tag_id) ON post.id = post_tag_1.post_id ORDER BY post.id', 'joinedload'),
    Diff('sql', 'statement 2 of 2', 'SELECT tags.post_id, tag.id FROM tags JOIN tag ON tag.id = tags.tag_id WHERE tags.post_id IN (__[POSTCOMPILE_primary_keys])', 'SELECT post_tag.post_id, tag.id FROM post_tag JOIN tag ON tag.id = post_tag.tag_id WHERE post_tag.post_id IN (__[POSTCOMPILE_primary_keys])', 'selectinload'),
    Diff('sql', 'statement 6 of 6', 'INSERT INTO tags (post_id, tag_id) VALUES (:post_id, :tag_id)', 'INSERT INTO post_tag (post_id, tag_id) VALUES (:post_id, :tag_id)', 'store'),
    Diff('statements', '', '5', '2', 'collection'),
)
#: SQLAlchemy 2.0's selectinload of a many-to-many joins back to the parent table; 2.1
#: selects from the association table alone (sqlalchemy/sqlalchemy#5987). The two
#: styles' SQL still differs only by the association table's name.
SELECTIN_21 = Diff('sql', 'statement 2 of 2', 'SELECT tags.post_id, tag.id FROM tags JOIN tag ON tag.id = tags.tag_id WHERE tags.post_id IN (__[POSTCOMPILE_primary_keys])', 'SELECT post_tag.post_id, tag.id FROM post_tag JOIN tag ON tag.id = post_tag.tag_id WHERE post_tag.post_id IN (__[POSTCOMPILE_primary_keys])', 'selectinload')
SELECTIN_20 = Diff('sql', 'statement 2 of 2', 'SELECT post_1.id, tag.id AS id_1 FROM post AS post_1 JOIN tags AS tags_1 ON post_1.id = tags_1.post_id JOIN tag ON tag.id = tags_1.tag_id WHERE post_1.id IN (__[POSTCOMPILE_primary_keys])', 'SELECT post_1.id, tag.id AS id_1 FROM post AS post_1 JOIN post_tag AS post_tag_1 ON post_1.id = post_tag_1.post_id JOIN tag ON tag.id = post_tag_1.tag_id WHERE post_1.id IN (__[POSTCOMPILE_primary_keys])', 'selectinload')
MANY_TO_MANY_AS_WRITTEN_ON = (
    On(sqlalchemy='2.0', drop=(SELECTIN_21,), add=(SELECTIN_20,)),
    On(backend='postgresql',
       drop=(
           Diff('sql', 'statement 6 of 6', 'INSERT INTO tags (post_id, tag_id) VALUES (:post_id, :tag_id)', 'INSERT INTO post_tag (post_id, tag_id) VALUES (:post_id, :tag_id)', 'store'),),
       add=(
           Diff('sql', 'statement 3 of 3', 'INSERT INTO tags (post_id, tag_id) VALUES (:post_id, :tag_id)', 'INSERT INTO post_tag (post_id, tag_id) VALUES (:post_id, :tag_id)', 'store'),)),
    On(backend='mariadb',
       drop=(
           Diff('sql', 'statement 6 of 6', 'INSERT INTO tags (post_id, tag_id) VALUES (:post_id, :tag_id)', 'INSERT INTO post_tag (post_id, tag_id) VALUES (:post_id, :tag_id)', 'store'),),
       add=(
           Diff('sql', 'statement 3 of 3', 'INSERT INTO tags (post_id, tag_id) VALUES (:post_id, :tag_id)', 'INSERT INTO post_tag (post_id, tag_id) VALUES (:post_id, :tag_id)', 'store'),)),
)

MANY_TO_MANY_RECOMMENDED = (
    Diff('sql', 'only one side sent', 'SELECT post.id, post.title, post.user_id FROM post, post_tag WHERE :param_1 = post_tag.tag_id AND post.id = post_tag.post_id (x2) | SELECT count(*) AS count_1 FROM (SELECT post.id AS post_id, post.title AS post_title, post.user_id AS post_user_id FROM post, post_tag WHERE :param_1 = post_tag.tag_id AND post.id = post_tag.post_id) AS anon_1 | SELECT post.id, post.title, post.user_id FROM post, post_tag WHERE :param_1 = post_tag.tag_id AND post.id = post_tag.post_id AND post.id = :id_1', 'nothing else', 'collection'),
    Diff('sql', 'only one side sent', 'SELECT post.id, post.title, post.user_id FROM post, post_tag WHERE :param_1 = post_tag.tag_id AND post.id = post_tag.post_id | DELETE FROM post_tag WHERE post_tag.post_id = :post_id AND post_tag.tag_id = :tag_id', 'nothing else', 'delete shared tag'),
    Diff('statements', '', '4', '2', 'delete shared tag'),
    Diff('statements', '', '5', '1', 'collection'),
)
MANY_TO_MANY_RECOMMENDED_ON = (
)

ONE_TO_ONE_AS_WRITTEN = (
    Diff('sql', 'statement 3 of 3', 'UPDATE profile SET user_id=:user_id WHERE profile.id = :profile_id', 'UPDATE profile SET user_id=:user_id WHERE profile.id = :profile_id (refused: IntegrityError)', 'remove child'),
    Diff('sql', 'only one side sent', 'UPDATE profile SET user_id=:user_id WHERE profile.id = :profile_id | DELETE FROM "user" WHERE "user".id = :id', 'UPDATE profile SET user_id=:user_id WHERE profile.id = :profile_id (refused: IntegrityError)', 'delete parent'),
    Diff('sql', 'only one side sent', 'UPDATE profile SET user_id=:user_id WHERE profile.id = :profile_id | INSERT INTO profile (user_id) VALUES (:user_id)', 'UPDATE profile SET user_id=:user_id WHERE profile.id = :profile_id (refused: IntegrityError)', 'replace partner'),
    Diff('sql', 'statement 1 of 1', 'INSERT INTO profile (user_id) VALUES (:user_id)', 'INSERT INTO profile (user_id) VALUES (:user_id) (refused: IntegrityError)', 'child without parent'),
    Diff('statements', '', '4', '3', 'delete parent, replace partner'),
)
ONE_TO_ONE_AS_WRITTEN_ON = (
)

