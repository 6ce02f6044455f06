/**
 * One OpenRouter key per user, its spend limit backed by a hold on their credits, along the key's life: issued
 * ({@link io.tollgate.llmkeys.LlmKeyIssuance}), kept ({@link io.tollgate.llmkeys.LlmKeyUpkeep}: observed, metered,
 * refilled), retired and settled ({@link io.tollgate.llmkeys.LlmKeyRetirement}); reconciled with OpenRouter.
 */
package io.tollgate.llmkeys;
