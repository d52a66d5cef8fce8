import { sessionFlowSuite } from "./session-flow.suite";
import { freshSqlite } from "./testing/harness";

sessionFlowSuite("SQLite", freshSqlite);
