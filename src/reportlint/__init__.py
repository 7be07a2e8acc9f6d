"""reportlint: check 政府信息公开工作年度报告 against 国办公开办函〔2021〕30号."""

__version__ = "0.1.0"
