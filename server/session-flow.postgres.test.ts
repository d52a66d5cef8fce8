import { sessionFlowSuite } from "./session-flow.suite";
import { freshPostgres } from "./testing/harness";

// Runs when MECHLAB_TEST_PG_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/postgres); .ci/run sets it.
const url = process.env.MECHLAB_TEST_PG_URL;
sessionFlowSuite("PostgreSQL", url ? () => freshPostgres(url) : null);
