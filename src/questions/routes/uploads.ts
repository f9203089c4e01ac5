// The bank's upload routes and their body limits (src/http/uploads.ts): an image may be 5 MB
// (plus room for the form around it, so a slightly larger file still gets the precise
// image_too_large from the domain), an import file up to the configured import limit.
import type { UploadRule } from "../../http/uploads.ts";
import { MAX_IMAGE_BYTES } from "../images.ts";

/** Room for the multipart framing and small form fields around an uploaded file. */
const FORM_SLACK = 1024 * 1024;

export const QUESTION_UPLOADS: readonly UploadRule[] = [
  { method: "POST", path: /^\/(?:api|teacher)\/questions\/[^/]+\/image$/, bytes: () => MAX_IMAGE_BYTES + FORM_SLACK, code: "image_too_large" },
  { method: "POST", path: /^\/api\/questions\/import$|^\/teacher\/questions\/import\/preview$/, bytes: (c) => c.importLimitBytes, code: "payload_too_large" },
];
