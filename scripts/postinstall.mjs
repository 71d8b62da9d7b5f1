// Runs after `npm install`: generates the Prisma client offline. Filled in by the skeleton.
