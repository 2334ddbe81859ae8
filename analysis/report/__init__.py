"""The report of one event: tables, figures on request, Markdown/LaTeX/HTML, files written."""

from analysis.report.config import AlignConfig, ReportConfig, ResamplingConfig
from analysis.report.pipeline import Report, build_report
from analysis.report.write import write_report

__all__ = [
    "AlignConfig",
    "Report",
    "ReportConfig",
    "ResamplingConfig",
    "build_report",
    "write_report",
]
