import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type HookAdmin = Outputs["hook"]["get"];
export type HookCreated = Outputs["hook"]["create"];
export type HookCreateValues = Inputs["hook"]["create"];
export type HookListInput = Inputs["hook"]["list"];
export type DeliveryRow = Outputs["delivery"]["history"]["data"][number];
export type DeliveryDetail = Outputs["delivery"]["get"];
export type HookStatus = HookAdmin["status"];
