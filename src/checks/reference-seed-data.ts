import {
  SEED_ALIASES,
  SEED_OFFICE_HOLDERS,
  SEED_OUTLETS,
} from "../db/migrations/0600-checks-seed.js";
import type { ReferenceData } from "./reference-data.js";

/** The reference data the migration seeds, for the command line and the evaluation without a database. */
export function seedReferenceData(): ReferenceData {
  return {
    officeHolders: SEED_OFFICE_HOLDERS.map((h) => ({ ...h })),
    aliases: SEED_ALIASES.map((a) => ({ ...a })),
    outlets: SEED_OUTLETS.map((o) => ({ ...o })),
  };
}
