import rule from '../../src/rules/no-external-call-in-transaction.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const externalCall = 'externalCall' as const;
const externalCallVia = 'externalCallVia' as const;

ruleTester.run('no-external-call-in-transaction', rule, {
  valid: [
    // The outbox: write the event with the transaction client, publish from a worker.
    `await prisma.$transaction(async (tx) => {
  const order = await tx.order.create({ data });
  await tx.outboxEvent.create({ data: { type: 'order.created', payload: order } });
});`,
    // Anything called on the transaction client, even with a client-like model name.
    "await db.transaction(async (tx) => {\n  await tx.insert(emailQueue).values(row);\n  await tx.webhookDelivery.create({ data });\n});",
    // The array form of $transaction runs no callback.
    'await prisma.$transaction([prisma.user.create({ data }), prisma.log.create({ data: log })]);\nawait fetch(url);',
    // Calls after the transaction resolves.
    "const order = await prisma.$transaction(async (tx) => tx.order.create({ data }));\nawait stripe.charges.create({ amount: order.total });\nawait mailer.send(order.email);",
    // A callback that is not a transaction.
    'await Promise.all(items.map(async (item) => fetch(item.url)));\nqueue.process(async (job) => { await axios.post(job.url); });',
    // A local fetch shadows the global.
    "function fetch(id) { return repo.get(id); }\nawait db.transaction(async (trx) => { await fetch(1); });",
    // String and validation methods on client-like names.
    "await prisma.$transaction(async (tx) => {\n  const email = input.email.toLowerCase();\n  const userEmail = email.trim();\n  emailSchema.parse(userEmail);\n  const html = emailTemplate.render({ user });\n  await tx.user.create({ data: { email: userEmail, html } });\n});",
    // Sequelize runs afterCommit hooks after the commit.
    "await sequelize.transaction(async (t) => {\n  await Order.create(data, { transaction: t });\n  t.afterCommit(() => mailer.send(data.email));\n});",
    // A same-file helper that only touches the database.
    "async function saveOrder(tx, data) { return tx.order.create({ data }); }\nawait prisma.$transaction(async (tx) => { await saveOrder(tx, data); });",
    // Recursion in helpers terminates.
    "function a(n) { return n ? b(n - 1) : 0; }\nfunction b(n) { return a(n); }\nawait db.transaction(async (tx) => { a(3); });",
    // .transaction() without a callback (Sequelize unmanaged, IndexedDB).
    "const t = await sequelize.transaction();\nawait fetch(url);\nconst store = idb.transaction(['users'], 'readwrite');",
    // A custom client list that does not name stripe.
    { code: "await db.transaction(async (tx) => { await stripe.charges.create({ amount }); });", options: [{ clientNames: ['mailer'] }] },
    // axios imported but used outside the transaction.
    "import axios from 'axios';\nawait knex.transaction(async (trx) => { await trx('users').insert(row); });\nawait axios.post(url, row);",
    // Names alone are not clients: an in-process PubSub, a mailer or queue of unknown origin (no clientNames).
    "import { PubSub } from 'graphql-subscriptions';\nclass Collections {\n  constructor(private readonly pubsub: PubSubService, private readonly mailer: Mailer) {}\n  local = new PubSub();\n  async move() {\n    await this.prisma.$transaction(async (tx) => {\n      await tx.collection.update({ where, data });\n      this.pubsub.publish('moved', data);\n      this.local.publish('moved', data);\n      await this.mailer.send(message);\n      await emailService.sendWelcome(user);\n    });\n  }\n}",
    // SDK methods that only build or configure locally; clients used after the commit.
    "import Stripe from 'stripe';\nimport nodemailer from 'nodemailer';\nconst stripe = new Stripe(key);\nawait db.transaction(async (tx) => {\n  const event = stripe.webhooks.constructEvent(body, signature, secret);\n  const transporter = nodemailer.createTransport(options);\n  await tx.insert(events).values(event);\n});\nawait stripe.refunds.create({ charge });",
    // A project wrapper whose callback takes no transaction, and names that only look like wrappers.
    "await withTransaction(ctx, async () => { await fetch(url); });\nawait startTransaction(async (tx) => { await fetch(url); });\nconst span = Sentry.startTransaction({ name });",
    // A method of a transaction-scoped service that does not send.
    "await this.userService.transactional(async (txUserService) => {\n  const user = await txUserService.createUser(input);\n  await txUserService.updateEmail(user.id, email);\n});",
    // A same-file function that takes a callback but opens no transaction around it.
    "function retry(fn) { return fn(); }\nawait retry(async (attempt) => { await fetch(url); });",
    // Malformed / partial code.
    "import Stripe from 'stripe';\nawait db.transaction(async (tx) => { await new Stripe().charges; stripe(); (await tx)(); });",
    'await prisma.$transaction();',
    'await db.transaction(doWork);',
    'await prisma.$transaction(async () => {});',
    'await db.transaction(async (tx) => { await tx[method](); await (getClient())(); });',
  ],
  invalid: [
    {
      code: "await prisma.$transaction(async (tx) => {\n  const order = await tx.order.create({ data });\n  await fetch('https://api.example.com/hooks', { method: 'POST' });\n});",
      errors: [{ messageId: externalCall, line: 3, column: 9 }],
    },
    {
      code: "import axios from 'axios';\nawait db.transaction(async (tx) => {\n  await axios.post(url, body);\n  await axios(url);\n});",
      errors: [
        { messageId: externalCall, line: 3, column: 9 },
        { messageId: externalCall, line: 4, column: 9 },
      ],
    },
    {
      // an axios instance, CommonJS
      code: "const axios = require('axios');\nconst api = axios.create({ baseURL });\nawait knex.transaction(async (trx) => {\n  await api.get('/users');\n});",
      errors: [{ messageId: externalCall, line: 4, column: 9 }],
    },
    {
      code: "import got from 'got';\nimport ky from 'ky';\nawait sequelize.transaction({ isolationLevel }, async (t) => {\n  await got.post(url);\n  await ky(url).json();\n});",
      errors: [
        { messageId: externalCall, line: 4, column: 9 },
        { messageId: externalCall, line: 5, column: 9 },
      ],
    },
    {
      code: "import { request } from 'undici';\nimport https from 'node:https';\nawait dataSource.transaction(async (manager) => {\n  await request(url);\n  https.get(url, onResponse);\n});",
      errors: [
        { messageId: externalCall, line: 4, column: 9 },
        { messageId: externalCall, line: 5, column: 3 },
      ],
    },
    {
      // clientNames (opt-in): this.stripe…, mailer, emailService
      code: "await this.prisma.$transaction(async (tx) => {\n  await this.stripe.charges.create({ amount });\n  await mailer.send(message);\n  await emailService.sendWelcome(user);\n});",
      options: [{ clientNames: ['stripe', 'mailer', 'email'] }],
      errors: [
        { messageId: externalCall, line: 2, column: 9 },
        { messageId: externalCall, line: 3, column: 9 },
        { messageId: externalCall, line: 4, column: 9 },
      ],
    },
    {
      // Kysely
      code: "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nconst s3Client = new S3Client({});\nawait db.transaction().setIsolationLevel('serializable').execute(async (trx) => {\n  await s3Client.send(new PutObjectCommand(params));\n});",
      errors: [{ messageId: externalCall, line: 4, column: 9 }],
    },
    {
      // MikroORM and TypeORM with an isolation level first
      code: "import { Kafka } from 'kafkajs';\nconst kafkaProducer = new Kafka({ brokers }).producer();\nawait em.transactional(async (em) => {\n  await this.queue.add('sync', job);\n});\nawait manager.transaction('SERIALIZABLE', async (em) => {\n  await kafkaProducer.send({ topic, messages });\n});",
      options: [{ clientNames: ['queue'] }],
      errors: [
        { messageId: externalCall, line: 4, column: 9 },
        { messageId: externalCall, line: 7, column: 9 },
      ],
    },
    {
      // through a same-file helper, transitively
      code: "import twilio from 'twilio';\nconst smsClient = twilio(sid, token);\nasync function notify(user) { await sendSms(user.phone); }\nconst sendSms = async (phone) => smsClient.messages.create({ to: phone });\nawait prisma.$transaction(async (tx) => {\n  await tx.user.update({ where, data });\n  await notify(user);\n});",
      errors: [{ messageId: externalCallVia, line: 7, column: 9 }],
    },
    {
      // a class method called through this
      code: "class Orders {\n  async place(data) {\n    return this.db.transaction(async (tx) => {\n      await tx.insert(orders).values(data);\n      await this.publish(data);\n    });\n  }\n  async publish(data) { await fetch(this.hookUrl, { method: 'POST', body: JSON.stringify(data) }); }\n}",
      errors: [{ messageId: externalCallVia, line: 5, column: 13 }],
    },
    {
      // a callback passed by name
      code: "import sgMail from '@sendgrid/mail';\nasync function work(tx) {\n  await tx.order.create({ data });\n  await sgMail.send(message);\n}\nawait prisma.$transaction(work);",
      errors: [{ messageId: externalCall, line: 4, column: 9 }],
    },
    {
      // inside a loop callback nested in the transaction; globalThis.fetch
      code: "await db.transaction(async (tx) => {\n  await Promise.all(items.map((item) => globalThis.fetch(item.url)));\n});",
      errors: [{ messageId: externalCall, line: 2, column: 41 }],
    },
    {
      // postgres.js begin; a custom client name
      code: "await sql.begin(async (sql) => {\n  await sql`INSERT INTO orders ${sql(order)}`;\n  await geocoder.lookup(address);\n});",
      options: [{ clientNames: ['geocoder'] }],
      errors: [{ messageId: externalCall, line: 3, column: 9 }],
    },
    {
      // a client injected by type (NestJS), a client field, and a CommonJS SDK
      code: "import { S3Client } from '@aws-sdk/client-s3';\nimport type { Transporter } from 'nodemailer';\nconst OpenAI = require('openai');\nclass Uploads {\n  private openai = new OpenAI();\n  constructor(private readonly s3: S3Client, private readonly mail: Transporter) {}\n  async save(file) {\n    return this.dataSource.transaction(async (manager) => {\n      await this.s3.send(command);\n      await this.mail.sendMail(message);\n      await this.openai.chat.completions.create(request);\n    });\n  }\n}",
      errors: [
        { messageId: externalCall, line: 9, column: 13 },
        { messageId: externalCall, line: 10, column: 13 },
        { messageId: externalCall, line: 11, column: 13 },
      ],
    },
    {
      // instances built from a client: nodemailer transport, amqplib channel; a typed parameter
      code: "import nodemailer from 'nodemailer';\nimport amqp from 'amqplib';\nimport { SESClient } from '@aws-sdk/client-ses';\nconst transporter = nodemailer.createTransport(options);\nconst connection = await amqp.connect(url);\nconst channel = await connection.createChannel();\nasync function save(ses: SESClient) {\n  await knex.transaction(async (trx) => {\n    await transporter.sendMail(message);\n    channel.sendToQueue('orders', payload);\n    await ses.send(command);\n  });\n}",
      errors: [
        { messageId: externalCall, line: 9, column: 11 },
        { messageId: externalCall, line: 10, column: 5 },
        { messageId: externalCall, line: 11, column: 11 },
      ],
    },
    {
      // project wrappers named for transactions, with the transaction as a parameter
      code: "await withTransaction(ctx, async (tx) => {\n  await fetch(url);\n});\nawait this.unitOfWork.runInTransaction(async (em) => {\n  await fetch(url);\n});",
      errors: [
        { messageId: externalCall, line: 2, column: 9 },
        { messageId: externalCall, line: 5, column: 9 },
      ],
    },
    {
      // a same-file wrapper that opens a transaction around its callback
      code: "function inTx(work) {\n  return db.transaction((tx) => work(tx));\n}\nawait inTx(async (tx) => {\n  await tx.insert(orders).values(order);\n  await fetch(url);\n});",
      errors: [{ messageId: externalCall, line: 6, column: 9 }],
    },
    {
      // a service scoped to the transaction sends an email
      code: "await this.userService.transactional(async (txUserService) => {\n  const user = await txUserService.createUser(input);\n  await txUserService.sendWelcomeEmail(user, link);\n});",
      errors: [{ messageId: 'serviceSend', line: 3, column: 9 }],
    },
    {
      // nested transactions report once
      code: "await prisma.$transaction(async (tx) => {\n  await db.transaction(async (inner) => { await fetch(url); });\n});",
      errors: [{ messageId: externalCall, line: 2, column: 49 }],
    },
  ],
});
