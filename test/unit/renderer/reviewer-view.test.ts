// The reviewer view drawn to static markup (no window needed): an unreadable case file shows only the banner and
// its problems, and text from a hostile case file comes out as text, never as markup.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReviewerView } from '../../../src/renderer/src/views/reviewer-view';
import { caseFileView, caseJson } from './case-file-fixtures';

const draw = (view: ReturnType<typeof caseFileView>): string => renderToStaticMarkup(createElement(ReviewerView, { view }));

describe('reviewer view', () => {
  it('an unreadable case.json leaves only the failed banner, each problem named, and Close', () => {
    const html = draw(caseFileView('/x/broken.nhicase', [{ member: 'case.json', check: 'schema', message: 'not JSON' }], null));
    expect(html).toContain('data-testid="review-banner" data-valid="false"');
    expect(html).toContain('Verification failed: <span class="mono">case.json</span>: schema: not JSON');
    expect(html).toContain('data-testid="review-close"');
    expect(html).not.toContain('data-testid="review-header"');
    expect(html).not.toContain('role="tablist"');
  });

  it('a verified case file shows the signer and fingerprint, the header and the tabs, and no editing control', () => {
    const view = caseFileView('/x/C-1.nhicase');
    const html = draw({ ...view, verification: { ...view.verification, trusted: true } });
    expect(html).toContain('<strong>Verified</strong> — signed by <span class="mono">analyst@example.org</span> (<span class="mono">SHA256:abc</span>)');
    expect(html).toContain('signer in your trust list');
    expect(html).toContain('data-testid="review-header"');
    expect(html).toContain('data-testid="review-tab-audit"');
    expect(html).not.toMatch(/<textarea|<select|type="checkbox"/);
  });

  it('markup inside the case file is escaped', () => {
    const hostile = caseJson();
    hostile.case.anchorIdentity.label = '<img src=x onerror=alert(1)>';
    hostile.case.title = '<script>alert(2)</script>';
    const html = draw(caseFileView('/x/<b>.nhicase', [], hostile));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
