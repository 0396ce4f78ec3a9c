export * from './model.js';
export { lagChartSvg, renderDrillReportHtml, timelineSvg } from './html.js';
export { renderDrillReportMarkdown } from './markdown.js';
export { renderDrillReportJson, reportBaseName, validateDrillReport, writeDrillReport, type WrittenReport } from './write.js';
