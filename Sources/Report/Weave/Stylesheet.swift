extension HTMLWeaver {
  /// A readable single-column page; print rules drop navigation and keep
  /// tables and figures whole.
  static let stylesheet = """
    :root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #2457c5; --bg-soft: #f5f7fb;
            --ok: #1e7d45; --bad: #b3261e; --bad-bg: #fdf0ef; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--fg); background: #fff;
           font: 17px/1.6 "Source Serif Pro", Georgia, "DejaVu Serif", serif; }
    main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
    h1, h2, h3, h4 { font-family: system-ui, "DejaVu Sans", sans-serif; line-height: 1.25; margin: 2rem 0 0.75rem; }
    h1 { font-size: 2rem; } h2 { font-size: 1.5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
    h3 { font-size: 1.2rem; }
    a { color: var(--accent); }
    p.meta { font: 13px/1.4 system-ui, sans-serif; color: var(--muted); margin: 0 0 1rem; }
    code, pre { font: 14px/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    pre { background: var(--bg-soft); padding: .75rem 1rem; overflow-x: auto; border-radius: 6px; }
    :not(pre) > code { background: var(--bg-soft); padding: .1em .3em; border-radius: 4px; }
    nav.toc { background: var(--bg-soft); border-radius: 8px; padding: .75rem 1.25rem; margin: 1rem 0 2rem;
              font: 15px/1.5 system-ui, sans-serif; }
    nav.toc .toc-title { font-weight: 600; margin: 0 0 .25rem; }
    nav.toc ul { margin: 0; padding-left: 1rem; } nav.toc li { list-style: none; }
    nav.toc .toc-h3 { padding-left: 1rem; }
    section.block { border-left: 3px solid var(--accent); padding: .25rem 0 .25rem 1rem; margin: 1.5rem 0; }
    section.block.error, section.block.skipped { border-left-color: var(--bad); }
    details.source > summary { cursor: pointer; font: 14px/1.4 system-ui, sans-serif; color: var(--muted); }
    details.source pre { margin: .5rem 0; }
    .kind { font-weight: 700; color: var(--accent); } .name { font-weight: 600; color: var(--fg); }
    .badge { display: inline-block; font-size: 12px; padding: 0 .45em; border-radius: 1em; background: var(--line); }
    .badge.pass { background: #dff3e6; color: var(--ok); } .badge.fail { background: var(--bad-bg); color: var(--bad); }
    .table-wrap { overflow-x: auto; margin: .75rem 0;
      /* Shadows at an edge with more table beyond it, so a cut-off column is never silent. */
      background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)),
                  linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0,
                  radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), rgba(0,0,0,0)),
                  radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) 100% 0;
      background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
      background-attachment: local, local, scroll, scroll; }
    table.results td code { white-space: normal; }
    table.results, table.checks { border-collapse: collapse; font: 15px/1.45 system-ui, sans-serif; }
    table.results caption, table.checks caption { text-align: left; font-weight: 600; padding: .25rem 0; }
    table.results th, table.results td, table.checks th, table.checks td {
      border-bottom: 1px solid var(--line); padding: .35rem .75rem; text-align: left; vertical-align: middle; }
    table.results th, table.checks th { background: var(--bg-soft); font-weight: 600; }
    td.num { font-variant-numeric: tabular-nums; font-family: "DejaVu Sans Mono", monospace; font-size: 14px; }
    td.pass { color: var(--ok); font-weight: 600; } td.fail { color: var(--bad); font-weight: 600; }
    .bmatrix { display: inline-flex; align-items: stretch; vertical-align: middle; }
    .bmatrix::before, .bmatrix::after { content: ""; width: .3em; border: 1.5px solid var(--fg); }
    .bmatrix::before { border-right: none; } .bmatrix::after { border-left: none; }
    table.matrix { border-collapse: collapse; display: inline-table; }
    table.matrix td { border: none; padding: 0 .45rem; text-align: right; }
    .shape { color: var(--muted); font-family: system-ui, sans-serif; }
    .error-box { background: var(--bad-bg); border: 1px solid #f1c4c0; border-left: 4px solid var(--bad);
                 border-radius: 6px; padding: .6rem 1rem; margin: .75rem 0; font: 15px/1.5 system-ui, sans-serif; }
    .error-box p { margin: .2rem 0; } .error-box .hint { color: var(--muted); }
    p.note { font: 14px/1.5 system-ui, sans-serif; color: var(--muted); }
    figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
    figure.graph .svg-wrap { overflow-x: auto; max-width: 100%; }
    figure.graph svg { display: block; max-width: none; height: auto; }
    figcaption { font: 14px/1.4 system-ui, sans-serif; color: var(--muted); margin-top: .35rem; }
    .figure-missing { color: var(--bad); font: 14px/1.4 system-ui, sans-serif; }
    details.full-table > summary { cursor: pointer; font: 14px system-ui, sans-serif; color: var(--accent); }
    table:not(.matrix):not(.results):not(.checks) { border-collapse: collapse; margin: 1rem 0; }
    table:not(.matrix):not(.results):not(.checks) th, table:not(.matrix):not(.results):not(.checks) td {
      border: 1px solid var(--line); padding: .3rem .7rem; }
    .math.display { display: block; overflow-x: auto; margin: .75rem 0; }
    footer { margin-top: 3rem; font: 13px system-ui, sans-serif; color: var(--muted); }
    @media (max-width: 600px) {
      /* Phones: the page margin, the block rule and cell padding give their width to the tables. */
      main { padding: 1rem .75rem 3rem; } h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; }
      section.block { padding-left: .6rem; }
      table.results th, table.results td, table.checks th, table.checks td { padding: .3rem .45rem; }
    }
    @media print {
      body { font-size: 11pt; } main { max-width: none; padding: 0; }
      nav.toc, details.full-table > summary { display: none; }
      details.source > pre, details.full-table { display: block; }
      details::details-content { content-visibility: visible; display: contents; }
      /* Never split a table row, a figure, a caption or an error box; a block's header (its
         source) stays with what follows it, so its first table starts on the same page. */
      tr, figure, caption, .error-box, .bmatrix, .katex-display { break-inside: avoid; }
      thead { display: table-header-group; }
      h1, h2, h3, h4, details.source, table caption, p.note { break-after: avoid; }
      .table-wrap { break-inside: avoid; }
      /* Paper does not scroll: wrap code, show wide tables and math whole, fit graphs to the page. */
      pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
      .table-wrap, .math.display, figure.graph .svg-wrap { overflow: visible; background: none; }
      figure.graph svg { max-width: 100%; }
      section.block { border-left-width: 2px; }
      a { color: inherit; text-decoration: none; }
    }

    """
}
