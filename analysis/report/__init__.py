"""The report of one event: tables, figures on request, Markdown/LaTeX/HTML and the files written."""

from analysis.report.build import Report, ReportConfig, build_report, write_report

__all__ = ["Report", "ReportConfig", "build_report", "write_report"]
