import type { RouterInputs, RouterOutputs } from "@/components/trpc/router-types";

type Outputs = RouterOutputs;
type Inputs = RouterInputs;

export type HookAdmin = Outputs["hook"]["get"];
export type HookCreated = Outputs["hook"]["create"];
export type HookCreateValues = Inputs["hook"]["create"];
export type HookListInput = Inputs["hook"]["list"];
export type DeliveryRow = Outputs["delivery"]["history"]["data"][number];
export type DeliveryDetail = Outputs["delivery"]["get"];
export type HookStatus = HookAdmin["status"];
