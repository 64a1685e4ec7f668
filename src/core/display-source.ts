/**
 * A data location as reports, model cards and registry records show it. A URL keeps its scheme, host and path
 * but loses user name, password, query and fragment: presigned S3/GCS URLs and Azure SAS URLs carry their
 * signature there, and these files are committed, posted as comments and kept as artifacts, where log masking
 * does not reach.
 */
export function displaySource(source: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return source.replace(/[?#].*$/, '');
  }
  const hidden = url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '';
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return hidden ? `${url.toString()}?…` : url.toString();
}
