export function clusterDatabaseProblem(redisUrl: string | undefined, dbUrl: string | undefined): string | null;
