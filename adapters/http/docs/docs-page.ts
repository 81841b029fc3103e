/**
 * The page at /docs: Swagger UI's own files and a start-up script of ours, each a file of its own so
 * the Content-Security-Policy can refuse every inline script and style. It reads the contract from
 * this origin only; `queryConfigEnabled` stays off so no `?url=` can point the page at another
 * document, the online validator (a request to swagger.io) is off, and a token typed into
 * "Authorize" lives only as long as the page.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>taskport API</title>
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/assets/start-docs.js"></script>
  </body>
</html>
`;

export const START_DOCS_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  queryConfigEnabled: false,
  validatorUrl: 'none',
  persistAuthorization: false,
});
`;
