import prismaNoUuidV4PrimaryKey from './prisma-no-uuid-v4-primary-key.js';

/** The Prisma schema rules (for `.prisma` files through the `fortress/prisma` language), by name, alphabetical. */
export const prismaRules = {
  'prisma-no-uuid-v4-primary-key': prismaNoUuidV4PrimaryKey,
};
