import type { RouterOutputs } from "@/components/trpc/router-types";

export type Contact = RouterOutputs["contact"]["get"];
