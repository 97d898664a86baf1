import { beforeAll } from 'vitest';

import rule from '../../src/rules/no-offset-pagination.js';
import { loadSqlParser, parseSql } from '../../src/sql/parser.js';
import { createRuleTester } from '../rule-tester.js';

beforeAll(async () => {
  await loadSqlParser();
  // The SQL below is judged by the real parser: make sure the complete statements parse.
  for (const text of [
    'SELECT * FROM users ORDER BY id LIMIT 20 OFFSET 40',
    'SELECT * FROM users ORDER BY id LIMIT $1 OFFSET $2',
    'WITH page AS (SELECT id FROM orders ORDER BY id OFFSET 100) SELECT * FROM page',
    "SELECT * FROM t WHERE note = 'OFFSET 10' -- OFFSET 5",
  ]) {
    if (!parseSql(text).ok) throw new Error(`test SQL does not parse: ${text}`);
  }
});

const ruleTester = createRuleTester();
const offset = 'offset' as const;

ruleTester.run('no-offset-pagination', rule, {
  valid: [
    // Keyset pagination.
    'await pool.query(`SELECT * FROM orders WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 20`, [at, id]);',
    'await prisma.post.findMany({ take: 20, cursor: { id: cursorId }, skip: 1, orderBy: { id: "asc" } });',
    'await prisma.post.findMany({ take: 20, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });',
    'await prisma.post.findMany({ take: 20, cursor: cursor ? { id: cursor } : undefined, skip: cursor ? 1 : 0 });',
    // A cursor pass-through wrapper: it forwards the skip it was given next to the cursor.
    'export const list = (args) => prisma.post.findMany({ cursor: args.cursor, skip: args.skip, take: args.take });',
    'export const list = ({ cursor, skip, take }) => prisma.post.findMany({ cursor, skip, take, orderBy: { id: "asc" } });',
    'await db.select().from(users).where(gt(users.id, cursor)).orderBy(users.id).limit(20);',
    // OFFSET only inside a SQL comment or a SQL string constant.
    "await pool.query(`SELECT * FROM t WHERE note = 'OFFSET 10' -- OFFSET 5\nLIMIT 10`);",
    'await client.query("SELECT id /* no OFFSET here */ FROM t WHERE label = $$ offset $1 $$");',
    // OFFSET 0 is the planner-fence idiom, not pagination.
    'await pool.query("SELECT * FROM (SELECT * FROM t OFFSET 0) AS fenced WHERE x = 1");',
    // SQL not passed to a query function; prose that mentions OFFSET.
    "const doc = 'SELECT * FROM users LIMIT 10 OFFSET 20';",
    "logger.info('Use cursor pagination instead of OFFSET 10 for deep pages');",
    "throw new Error('invalid offset: ' + offset);",
    'await graphqlClient.query({ query: GET_USERS, variables: { offset: 10 } });',
    // express-validator's query('offset'), and SQL that is a parameter (not written here)
    "import { query } from 'express-validator';\nrouter.get('/users', query('offset').isInt(), listUsers);",
    'export const run = (text: string) => pool.query(text);',
    // .offset() outside a query-builder chain: a timezone / date API.
    'const minutes = moment.tz.zone("Europe/Paris").offset(Date.now());',
    'const shift = dayjs(date).tz(zone).offset(60);',
    'const next = cursor.offset(10);',
    // Array slice and a TypeORM-looking .skip() outside a query builder.
    'const page = rows.slice(offset, offset + limit);',
    'const rest = stream.skip(10);',
    // skip() of RxJS (an operator, or RxJS 5's chained method), Immutable / linq-style sequences: not a Mongo cursor.
    "import { skip, take } from 'rxjs';\nconst first = events$.pipe(skip(1), take(1));",
    'const later = source$.skip(1).take(1).subscribe(handle);',
    'const page = Seq(items).filter(isActive).skip(20).take(10).toArray();',
    'const tail = Enumerable.from(rows).where((row) => row.ok).orderBy((row) => row.id).skip(n).take(m);',
    // a Mongo cursor without skip, and a first page
    'await Notification.find({ subscriber }).sort({ createdAt: -1 }).limit(20);',
    'await this.MongooseModel.find(query).skip(0).limit(10);',
    // limit() not on the chain of skip(): an argument of another call
    'wrap(Model.find(q).limit(10), list.skip(5));',
    'const limit = (stream.skip(2)).limit;',
    // Zero offsets and first pages.
    'await prisma.user.findMany({ skip: 0, take: 10 });',
    'await db.select().from(users).limit(10).offset(0);',
    // find() without query options (lodash-style matchers).
    '_.find(layers, { offset: 3 });',
    // Malformed / partial code: no crash, nothing reported.
    'await pool.query();',
    'await pool.query(`SELECT * FROM WHERE OFFSET`);',
    'await pool.query(`${a}${b}`);',
    'await prisma.user.findMany();',
    'await db.select().from(users).offset();',
    'await Model.find(q).skip().limit(10);',
    'const skip = Model.find(q).limit(10).skip;',
    'await sql``;',
    // a tag that is not SQL
    'const query = gql`query Users { users(offset: 10) { id } }`;\nconst page = html`<p>OFFSET 10</p>`;',
    // OFFSET 0 in a tagged query
    'const first = await client`SELECT id FROM products ORDER BY name LIMIT 50 OFFSET 0`;',
  ],
  invalid: [
    {
      code: 'await pool.query("SELECT * FROM users ORDER BY id LIMIT 20 OFFSET 40");',
      errors: [{ messageId: offset, line: 1, column: 60, endColumn: 66 }],
    },
    {
      code: 'const { rows } = await this.pool.query(\n  `SELECT * FROM users ORDER BY id\n   LIMIT ${limit} OFFSET ${(page - 1) * limit}`,\n);',
      errors: [{ messageId: offset, line: 3, column: 19 }],
    },
    {
      // the OFFSET in the comment does not count; the real one does
      code: 'await client.query(`SELECT * FROM t -- OFFSET 1\nWHERE x = \'OFFSET\' LIMIT 5 offset $1`, [n]);',
      errors: [{ messageId: offset, line: 2, column: 28 }],
    },
    {
      // nested: a CTE and a set operation
      code: 'await db.query(`WITH page AS (SELECT id FROM orders ORDER BY id OFFSET 100) SELECT * FROM page UNION ALL (SELECT 1 OFFSET ${n})`);',
      errors: [
        { messageId: offset, line: 1, column: 65 },
        { messageId: offset, line: 1, column: 116 },
      ],
    },
    {
      // postgres.js / @vercel/postgres / slonik tag
      code: 'const users = await sql`SELECT * FROM users ORDER BY id LIMIT ${limit} OFFSET ${offset}`;',
      errors: [{ messageId: offset, line: 1, column: 72 }],
    },
    {
      // a postgres.js client used as a tag
      code: "import { client } from '@/shared/db';\nconst rows = await client`SELECT id FROM products ORDER BY name LIMIT 50 OFFSET ${page * 50}`;",
      errors: [{ messageId: offset, line: 2, column: 74 }],
    },
    {
      // drizzle-orm's sql under another name
      code: "import { sql as q } from 'drizzle-orm';\nawait db.execute(q`SELECT * FROM users OFFSET ${n}`);",
      errors: [{ messageId: offset, line: 2, column: 40 }],
    },
    {
      // Prisma raw, and the escaped newline keeps columns right
      code: 'await prisma.$queryRaw`SELECT * FROM "User" ORDER BY id OFFSET ${skip}`;\nawait tx.$queryRawUnsafe("SELECT 1\\nFROM t OFFSET $1", n);',
      errors: [
        { messageId: offset, line: 1, column: 57 },
        { messageId: offset, line: 2, column: 44 },
      ],
    },
    {
      // a fragment that does not parse: the lexer finds the clause
      code: "await knex.raw('SELECT * FROM ' + table + ' ORDER BY id LIMIT ? OFFSET ?', [limit, offset]);",
      errors: [{ messageId: offset, line: 1, column: 65 }],
    },
    {
      // SQL held in a same-file const
      code: "const LIST = 'SELECT * FROM posts ORDER BY id LIMIT $1 OFFSET $2';\nexport const list = (page) => pool.query(LIST, [20, page * 20]);",
      errors: [{ messageId: offset, line: 1, column: 56 }],
    },
    {
      code: 'await prisma.user.findMany({ where: { active: true }, skip: page * 20, take: 20 });',
      errors: [{ messageId: offset, line: 1, column: 55 }],
    },
    {
      // page arithmetic next to a cursor is still an offset; a forwarded skip without a cursor too
      code: 'await prisma.post.findMany({\n  cursor: { id },\n  skip: (page - 1) * size,\n});\nexport const list = (args) => prisma.post.findMany({ skip: args.skip, take: args.take });',
      errors: [
        { messageId: offset, line: 3, column: 3 },
        { messageId: offset, line: 5, column: 54 },
      ],
    },
    {
      // skip: 1 without a cursor is offset pagination; nested relation pagination too
      code: 'await prisma.user.findMany({\n  skip: 1,\n  include: { posts: { skip: 10, take: 5 } },\n});',
      errors: [
        { messageId: offset, line: 2, column: 3 },
        { messageId: offset, line: 3, column: 23 },
      ],
    },
    {
      // Drizzle
      code: 'await db.select().from(users).orderBy(users.id).limit(20).offset(page * 20);',
      errors: [{ messageId: offset, line: 1, column: 59 }],
    },
    {
      // Drizzle relational queries
      code: 'await db.query.users.findMany({ limit: 20, offset: 40 });',
      errors: [{ messageId: offset, line: 1, column: 44 }],
    },
    {
      // Kysely, and Knex from a builder held in a const
      code: "await db.selectFrom('person').selectAll().offset(10).execute();\nconst q = knex('users').where({ active: true });\nawait q.limit(10).offset(20);",
      errors: [
        { messageId: offset, line: 1, column: 43 },
        { messageId: offset, line: 3, column: 19 },
      ],
    },
    {
      // TypeORM
      code: "await repo.find({ where: { active: true }, order: { id: 'ASC' }, skip: 20, take: 10 });\nawait dataSource.getRepository(User).createQueryBuilder('u').orderBy('u.id').skip(20).take(10).getMany();",
      errors: [
        { messageId: offset, line: 1, column: 66 },
        { messageId: offset, line: 2, column: 78 },
      ],
    },
    {
      // Sequelize
      code: 'const { rows } = await User.findAndCountAll({ where, limit: 20, offset: (page - 1) * 20 });',
      errors: [{ messageId: offset, line: 1, column: 65 }],
    },
    {
      // MongoDB / Mongoose cursors: chained skip() next to find() or limit(), before or after it, also through a wrapper
      code: [
        'await User.find({ active: true }).sort({ createdAt: -1 }).skip(page * 20).limit(20);',
        "await this.populateFeed(this.MongooseModel.find(query), id).read('secondaryPreferred').skip(skip).limit(limit).sort('-createdAt');",
        "await db.collection('events').find(filter).skip(offset);",
        'await Order.aggregate(pipeline).limit(10).skip(n);',
      ].join('\n'),
      errors: [
        { messageId: offset, line: 1, column: 59 },
        { messageId: offset, line: 2, column: 88 },
        { messageId: offset, line: 3, column: 44 },
        { messageId: offset, line: 4, column: 43 },
      ],
    },
    {
      // a query held in a same-file const, skipped in another statement
      code: 'const feed = Notification.find({ subscriber });\nawait feed.skip(n);',
      errors: [{ messageId: offset, line: 2, column: 12 }],
    },
  ],
});

// Lists scoped to one parent row of a configuration table (issue 10): the guideline bans OFFSET on large tables, and
// "offset-based" is fine for small datasets. Whole-table listings and growing activity tables stay reported.
const workflowOverrides = [
  'class WorkflowOverrideRepository extends BaseRepository {',
  '  async getList(options, query) {',
  '    const requestQuery = { _environmentId: query.environmentId };',
  "    return this.MongooseModel.find(requestQuery).read('secondaryPreferred').skip(options.skip || 0).limit(options.limit || 10);",
  '  }',
  '}',
].join('\n');

ruleTester.run('no-offset-pagination: lists bounded by their parent', rule, {
  valid: [
    // Prisma: tags of one workspace, passkeys of one user (through a const), teams of one organisation (relation one
    // level down), invites in AND, webhooks of a few workspaces, surveys through a spread const.
    'await prisma.tag.findMany({ where: { workspaceId }, skip: page * 20, take: 20 });',
    'const whereClause = { userId };\nawait prisma.passkey.findMany({ where: whereClause, skip: (page - 1) * perPage, take: perPage });',
    'await ctx.prisma.team.findMany({ where: { organisation: { id: organisationId } }, skip: (page - 1) * perPage });',
    'await tx.invite.findMany({ where: { AND: [{ organizationId }, { role: "owner" }] }, skip: n, take: 10 });',
    'await prisma.webhook.findMany({ where: { workspaceId: { in: workspaceIds } }, skip: page ? 20 * (page - 1) : undefined });',
    'const base = { workspace_id: id };\nawait prisma.survey.findMany({ where: { ...base, archivedAt: null }, skip: offset });',
    // TypeORM / MikroORM: a model from the repository name or the entity class.
    'await this.apiKeyRepository.find({ where: { projectId }, skip: n, take: 10 });',
    'await em.find(Tag, { projectId }, { offset: n, limit: 10 });',
    // Mongoose: the enclosing repository's model; `notificationTemplate` is a template (head word), not a notification.
    workflowOverrides,
    'class NotificationTemplateRepository {\n  list(e, n) {\n    return this.MongooseModel.find({ _environmentId: e }).sort({ createdAt: -1 }).skip(n).limit(10);\n  }\n}',
    // Knex: config tables of one project.
    "await knex('segments').where('project_id', '=', projectId).limit(10).offset(n);",
    "await db('feature_tags').where({ project_id: id }).orderBy('id').limit(10).offset(n);",
    // a list without offset, and a find call with no arguments
    'await prisma.tag.findMany();',
  ],
  invalid: [
    // Whole-table listings: no filter, text search only, the row's own id.
    {
      code: 'await prisma.tag.findMany({ skip: page * 20 });\nawait prisma.tag.findMany({ where: { name: { contains: q } }, skip: n });\nawait prisma.tag.findMany({ where: { id: tagId }, skip: n });',
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 2 }, { messageId: offset, line: 3 }],
    },
    // Malformed input: a parent id chosen by 40 nested ternaries (deeper than the rule follows) is not known to name
    // one row, so the list is not known to be bounded: reported.
    {
      code: `await prisma.tag.findMany({ where: { workspaceId: ${'a ? b : '.repeat(40)}c }, skip: n });`,
      errors: [{ messageId: offset, line: 1 }],
    },
    // Growing activity tables scoped to a parent: responses of a survey, calls of a webhook, members of an organisation.
    {
      code: 'await prisma.response.findMany({ where: { surveyId }, skip: offset, take: limit });\nawait prisma.webhookCall.findMany({ where: { webhookId }, skip: n });\nawait prisma.organisationMember.findMany({ where: { organisationId }, skip: n });',
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 2 }, { messageId: offset, line: 3 }],
    },
    // Mongoose messages of one subscriber in MessageRepository (the options' skip, the filter before it).
    {
      code: "class MessageRepository {\n  list(s, options) {\n    return this.MongooseModel.find({ _subscriberId: s }, '', { limit: 10, skip: options.skip });\n  }\n}",
      errors: [{ messageId: offset, line: 3 }],
    },
    // Knex: integration events of one integration (a growing table, plural name).
    {
      code: "await knex('integration_events').where('integration_id', id).limit(limit).offset(offset);",
      errors: [{ messageId: offset, line: 1 }],
    },
    // Not one parent: null, a negation; and an unknown model (generic receiver).
    {
      code: 'await prisma.folder.findMany({ where: { parentId: null }, skip: n });\nawait prisma.folder.findMany({ where: { parentId: { not: id } }, skip: n });\nawait repo.find({ where: { projectId }, skip: n, take: 10 });',
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 2 }, { messageId: offset, line: 3 }],
    },
    // Options: growingTables adds a word or a name; ignoreBoundedLists: false reports every list.
    {
      code: "await prisma.tag.findMany({ where: { workspaceId }, skip: n });\nawait knex('feature_tags').where('project_id', id).offset(n);",
      options: [{ growingTables: ['tag'] }],
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 2 }],
    },
    {
      code: 'await prisma.sensorReading.findMany({ where: { deviceId }, skip: n });',
      options: [{ growingTables: ['sensorReadings'] }],
      errors: [{ messageId: offset, line: 1 }],
    },
    {
      code: `await prisma.tag.findMany({ where: { workspaceId }, skip: n });\n${workflowOverrides}`,
      options: [{ ignoreBoundedLists: false }],
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 5 }],
    },
    // Malformed input: a where that is not an object, a computed key, an unknown spread, a where() without
    // arguments, a model outside a class, a nested relation's skip.
    {
      code: [
        'await prisma.tag.findMany({ where: buildWhere(id), skip: n });',
        'await prisma.tag.findMany({ where: 42, skip: n });',
        'await prisma.tag.findMany({ where: { [key]: id }, skip: n });',
        'await prisma.tag.findMany({ where: { ...filters }, skip: n });',
        "await knex('tags').where().limit(5).offset(5);",
        'await this.MongooseModel.find({ _environmentId: e }).skip(5).limit(5);',
        'await prisma.workspace.findMany({ where: { organizationId }, include: { tags: { skip: 5 } } });',
      ].join('\n'),
      errors: [1, 2, 3, 4, 5, 6, 7].map((line) => ({ messageId: offset, line })),
    },
  ],
});

// Fourth pass (issue 10): a parent scope down a relation path or built by a helper, `…Uid` parent keys, content tables
// (articles, posts) as growing tables, and generic repositories that forward their caller's filter and offset. Each
// behaviour: the violation that stays, the near-miss now silent, malformed input.

ruleTester.run('no-offset-pagination: parent scope down relations and through helpers', rule, {
  valid: [
    // surveys of one action class, two relations down through a join table (`some`)
    'await prisma.survey.findMany({ where: { triggers: { some: { actionClass: { id: actionClassId } } } }, skip: page ? 20 * (page - 1) : undefined, take: 20 });',
    // teams of one user, six filter objects down
    'await prisma.team.findMany({ where: { teamGroups: { some: { organisationGroup: { organisationGroupMembers: { some: { organisationMember: { userId } } } } } } }, skip: n });',
    // organisations of one user, a parent key under `some`; a to-one relation through `is`
    'await prisma.organization.findMany({ where: { memberships: { some: { userId } } }, skip: n });',
    'await prisma.apiKey.findMany({ where: { project: { is: { organizationId } } }, skip: n });',
    // a relation filter built by a helper given one parent's key (an object, an identifier, a member)
    'await prisma.teamGroup.findMany({ where: { team: buildTeamWhereQuery({ teamId, userId }), id: groupId }, skip: (page - 1) * perPage });',
    'await prisma.tag.findMany({ where: buildTagWhere(workspaceId, search), skip: n });',
    'await prisma.tag.findMany({ where: { workspace: scopeTo(input.workspaceId) }, skip: n });',
    // `…Uid` keys name a parent row like `…Id`
    'await this.prisma.personalAccessToken.findMany({ where: { userUid }, skip: offset, take: limit });',
    'await this.prisma.mockServer.findMany({ where: { creatorUid: userUid, deletedAt: null }, skip: args?.skip, take: args?.take });',
  ],
  invalid: [
    // a feed: articles of the authors one user follows; articles and posts grow with activity
    {
      code: 'await prisma.article.findMany({ where: { author: { followedBy: { some: { id: userId } } } }, skip: offset, take: limit });\nawait prisma.post.findMany({ where: { authorId }, skip: n });',
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 2 }],
    },
    // growing tables down a relation path stay reported: members of one team, logs of one mock server
    {
      code: 'await prisma.organisationMember.findMany({ where: { organisationGroupMembers: { some: { group: { teamGroups: { some: { teamId } } } } } }, skip: n });\nawait this.prisma.mockServerLog.findMany({ where: { mockServerID: id }, skip: args?.skip });',
      errors: [{ messageId: offset, line: 1 }, { messageId: offset, line: 2 }],
    },
    // not one parent: `every` / `none` / `isNot` (true for rows without related rows), `NOT`, an `OR` branch
    {
      code: [
        'await prisma.team.findMany({ where: { members: { every: { userId } } }, skip: n });',
        'await prisma.team.findMany({ where: { members: { none: { userId } } }, skip: n });',
        'await prisma.team.findMany({ where: { owner: { isNot: { organisationId } } }, skip: n });',
        'await prisma.team.findMany({ where: { NOT: { organisationId } }, skip: n });',
        'await prisma.team.findMany({ where: { OR: [{ organisationId }, { isPublic: true }] }, skip: n });',
      ].join('\n'),
      errors: [1, 2, 3, 4, 5].map((line) => ({ messageId: offset, line })),
    },
    // the row's own id is not a parent, also through a spread or AND; a helper given no parent key; own `uid`
    {
      code: [
        'const base = { id: tagId };\nawait prisma.tag.findMany({ where: { ...base }, skip: n });',
        'await prisma.tag.findMany({ where: { AND: [{ id: tagId }] }, skip: n });',
        'await prisma.teamGroup.findMany({ where: { team: buildTeamWhereQuery({ search }) }, skip: n });',
        'await prisma.tag.findMany({ where: { uid: tagUid }, skip: n });',
        'await prisma.tag.findMany({ where: { creatorUid: null }, skip: n });',
      ].join('\n'),
      errors: [2, 3, 4, 5, 6].map((line) => ({ messageId: offset, line })),
    },
    // Malformed input: a parent key deeper than the rule follows (12 relations), a helper without arguments, a
    // relation that is a literal or an array
    {
      code: [
        `await prisma.tag.findMany({ where: ${'{ a: '.repeat(12)}{ workspaceId }${' }'.repeat(12)}, skip: n });`,
        'await prisma.tag.findMany({ where: { workspace: build() }, skip: n });',
        'await prisma.tag.findMany({ where: { workspace: 42, owner: [workspaceId] }, skip: n });',
      ].join('\n'),
      errors: [1, 2, 3].map((line) => ({ messageId: offset, line })),
    },
  ],
});

// A generic base repository (`class BaseRepository<T>`) forwarding its caller's filter and page to the class's model.
const genericFind = (body: string, typeParameters = '<T_DBModel, T_Entity>'): string =>
  [`export class BaseRepository${typeParameters} {`, '  async find(query, select = "", options = {}) {', `    ${body}`, '  }', '}'].join('\n');
const chainedForwarder =
  'return this.MongooseModel.find(query, select, { sort: options.sort || null }).skip(options.skip as number).limit(options.limit as number).lean().exec();';
const optionsForwarder = 'return this._model.find(query, select, { limit: options?.limit, skip: options?.skip, sort: options?.sort });';

ruleTester.run('no-offset-pagination: generic repositories report at the caller', rule, {
  valid: [genericFind(chainedForwarder), genericFind(optionsForwarder), genericFind('return this.model.find(query).skip(options.skip || 0).limit(10);')],
  invalid: [
    // the caller that passes a page is reported
    {
      code: "const data = await this.subscriberRepository.find(query, '', { limit: command.limit, skip: command.page * command.limit });",
      errors: [{ messageId: offset, line: 1 }],
    },
    // near-misses: a class without type parameters (its model is known: messages), a page computed in the method,
    // a filter written in the method, a skip that is not a parameter
    {
      code: genericFind(chainedForwarder, '').replace('BaseRepository', 'MessageRepository'),
      errors: [{ messageId: offset, line: 3 }],
    },
    { code: genericFind('return this.MongooseModel.find(query).skip(options.page * 20).limit(20);'), errors: [{ messageId: offset, line: 3 }] },
    { code: genericFind('return this.MongooseModel.find({ active: true }).skip(options.skip).limit(20);'), errors: [{ messageId: offset, line: 3 }] },
    { code: genericFind('const skip = 40;\n    return this.MongooseModel.find(query).skip(skip).limit(20);'), errors: [{ messageId: offset, line: 4 }] },
    // a receiver that is not the class's own model (an injected repository of a known table)
    { code: genericFind('return this.messageModel.find(query).skip(options.skip).limit(20);'), errors: [{ messageId: offset, line: 3 }] },
    // Malformed input: no filter, a spread offset, a forwarder outside any class
    {
      code: genericFind('return this.MongooseModel.find().skip(options.skip).limit(1);'),
      errors: [{ messageId: offset, line: 3 }],
    },
    { code: genericFind('return this.MongooseModel.find(query).skip(...options.args).limit(1);'), errors: [{ messageId: offset, line: 3 }] },
    {
      code: 'export function find(query, options) {\n  return this.MongooseModel.find(query).skip(options.skip).limit(1);\n}',
      errors: [{ messageId: offset, line: 2 }],
    },
  ],
});
