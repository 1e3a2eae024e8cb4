import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PageConfigSchema } from '../../src/core/page/page-config';
import { PAGE_DEFAULTS } from '../../src/core/page/page-defaults';
import { PRESET_CATALOGUE } from '../../src/core/presets/preset-catalogue';
import { ruleSummary } from '../../src/core/rules/catalog/rule-summary';
import { migrateConfigInput } from '../../src/core/rules/config/config-migrate';
import { ConfigSchema } from '../../src/core/rules/config/config-schema';
import { issueInWords } from '../../src/core/rules/config/issue-words';
import { createGuardClient } from '../../src/messaging/client';
import { ResponseSchemas } from '../../src/messaging/protocol';
import type { DownloadFile } from '../../src/ui/options/ImportExportSection';
import { OptionsApp } from '../../src/ui/options/OptionsApp';

// Thin adapter: the rule editor renders from the config's zod schema; everything else goes
// through the worker (the options page never holds the key after sending it).
const client = createGuardClient(browser.runtime, ResponseSchemas);

function download(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

render(
  <OptionsApp
    client={client}
    configSchema={ConfigSchema}
    download={download}
    page={{ schema: PageConfigSchema, defaults: PAGE_DEFAULTS }}
    migrate={migrateConfigInput}
    permissions={browser.permissions}
    guide={{ issueWords: issueInWords, ruleSummary, presets: PRESET_CATALOGUE }}
    initialSection={location.hash.replace(/^#/, '') || undefined}
  />,
  document.getElementById('app') as HTMLElement,
);
