import type { FC } from "hono/jsx";

/**
 * The small note beside an English topic title a model wrote. Visible text (not only a
 * tooltip or an icon) so screen readers and every reader get it; the model is in the title.
 */
export const MachineTranslatedMark: FC<{ model: string }> = ({ model }) => (
  <small class="mt-mark" title={model ? `Machine translation by ${model}` : "Machine translation"}>
    machine-translated
  </small>
);
