/** What the telemetry and DER reporting services need from the SEP2 transport (same shape as Sep2Transport). */
import type { Sep2RequestOptions, Sep2Response, Sep2Result } from '../sep2/transport'

export interface Sep2Poster {
  get(path: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
  post(path: string, body: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
  put(path: string, body: string, options: Sep2RequestOptions): Promise<Sep2Result<Sep2Response>>
}
