"""Every text of the command line itself, in Chinese and English, in one place.

Findings' messages live in the rule packs; this is the rest: usage errors, notes on stderr,
headers, severity words. `say(key, lang, **values)` picks the language; one run speaks one
language (zh by default, en with --lang en). Quotes of the report stay as written.
"""

from __future__ import annotations

import re

MESSAGES: dict[str, tuple[str, str]] = {
    # check: options and inputs
    "unknown-rule": ("未知的规则“{item}”；运行 `reportlint rules` 查看全部规则", "unknown rule {item}; see `reportlint rules`"),
    "unknown-format": ("未知的 --format“{value}”；可选 {choices}", "unknown --format {value}; choose one of {choices}"),
    "binary-needs-output": ("--format {fmt} 输出的是二进制文件：请加 --output 文件名.{fmt}",
                            "--format {fmt} is a binary file: add --output FILE.{fmt}"),
    "bad-fail-on": ("--fail-on 只能是 error、warning 或 info，不能是“{value}”", "--fail-on must be error, warning or info, not {value}"),
    "bad-lang": ("--lang 只能是 zh 或 en", "--lang must be zh or en"),
    "bad-unit-type": ("--unit-type 只能是 department（部门）或 government（政府）", "--unit-type must be department or government"),
    "no-files": ("没有要检查的文件（文件夹中查找 {exts}）", "no files to check (folders are searched for {exts})"),
    "wrote": ("已写入 {path}（{fmt}）", "wrote {path} ({fmt})"),
    "units-unreadable": ("无法读取单位名单 {path}：{reason}", "cannot read the unit list {path}: {reason}"),
    "units-empty": ("单位名单 {path} 中没有单位名称（每行一个，或 CSV/XLSX 的第一列）",
                    "the unit list {path} names no unit (one per line, or the first column of a CSV/XLSX)"),
    "output-is-input": ("--output {path} 是输入文件之一；reportlint 从不改写输入文件",
                        "--output {path} is one of the inputs; reportlint never writes to an input"),
    "output-is-dir": ("--output {path} 是文件夹；请给出文件名", "--output {path} is a directory; give a file name"),
    "cannot-write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "previous-problem": ("--previous {problem}；不使用", "--previous {problem}; not used"),
    "previous-none": ("--previous：没有可读的上年度年报", "--previous: no readable report of last year"),
    # -f docx
    "docx-needs-one": ("--format docx 把批注写入一个可读的 .docx：请只给一个 .docx 文件，或用 -o 指定一个文件夹",
                       "--format docx writes comments into one readable .docx: give one .docx file, or -o a folder"),
    "docx-folder-is-file": ("-f docx 检查多个文件时 -o 须是文件夹，{path} 是文件",
                            "-f docx on several files needs -o to be a folder; {path} is a file"),
    "docx-same-file": ("-o 文件夹中的 {path} 就是输入文件本身；reportlint 从不改写输入文件，请换一个文件夹",
                       "{path} in the -o folder is the input itself; reportlint never writes to an input"),
    "docx-written": ("已在 {folder} 写入 {n} 份批注副本", "wrote {n} annotated copies into {folder}"),
    "docx-skipped": ("；{n} 个文件不是可读的 .docx，未写", "; {n} file(s) are not readable .docx, none written"),
    # config
    "config-not-found": ("找不到配置文件 {path}", "config file not found: {path}"),
    "config-unreadable": ("无法读取配置文件 {path}：{reason}", "cannot read config {path}: {reason}"),
    "config-invalid": ("配置文件 {path} 有误（键名与取值见 schemas/config.schema.json）：", "invalid configuration in {path}:"),
    "config-not-toml": ("{path}:{line}:{column}: 配置文件不是有效的 TOML（第 {line} 行第 {column} 列）：{reason}",
                        "{path}:{line}:{column}: config is not valid TOML (line {line}, column {column}): {reason}"),
    "config-not-toml-nowhere": ("配置文件 {path} 不是有效的 TOML：{reason}", "config {path} is not valid TOML: {reason}"),
    # other commands
    "aggregate-format": ("--format 只能是 {choices}（或让 --output 以 .json/.csv/.xlsx/.docx 结尾）",
                         "--format must be one of {choices} (or give --output a .json/.csv/.xlsx/.docx name)"),
    "aggregate-binary": ("{fmt} 是二进制格式：请给出 --output 文件名.{fmt}", "{fmt} is binary: give --output FILE.{fmt}"),
    "aggregate-no-files": ("没有要汇总的文件", "no files to aggregate"),
    "aggregate-none": ("没有可以汇总的单位；运行 `reportlint aggregate -f json` 查看各单位未纳入的原因",
                       "no unit could be summed; run `reportlint aggregate -f json` to see why each was left out"),
    "aggregate-done": ("已汇总 {n} 个单位的 {year} 年数据；{left} 个单位未纳入", "summed {n} unit(s) for {year}; {left} left out"),
    "aggregate-duplicates": ("；{n} 份是已纳入单位的重复报告（只计一次）", "; {n} duplicate copies of a unit (counted once)"),
    "aggregate-skipped": ("；跳过 {n} 个不是年报的文件", "; {n} file(s) skipped: not reports"),
    "aggregate-missing": ("；{n} 个单位未报送", "; {n} listed unit(s) sent no report"),
    "rules-format": ("--format 只能是 text、json 或 markdown", "--format must be text, json or markdown"),
    "extract-format": ("--format 只能是 json 或 csv", "--format must be json or csv"),
    "template-suffix": ("--output 须以 .docx 结尾", "--output must end with .docx"),
    # endings
    "interrupted": ("已中断", "interrupted"),
    "internal-error": ("内部错误（{kind}: {detail}）；请报告此问题，设置 REPORTLINT_DEBUG=1 可看到详情",
                       "internal error ({kind}: {detail}); please report it, with REPORTLINT_DEBUG=1 for details"),
    # the terminal view
    "no-problems": ("未发现问题", "no problems found"),
    "expected": ("应为", "expected"),
    "found": ("实为", "found"),
    "summary": ("汇总", "Summary"),
    "unreadable": ("无法读取", "unreadable"),
    "checked": ("共检查 {files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
                "{files} file(s) checked: {error} error(s), {warning} warning(s), {info} info"),
    "checked-unreadable": ("；{n} 个文件无法读取", "; {n} unreadable"),
    "full-stop": ("。", "."),
    # `reportlint rule`
    "rule-severity": ("级别", "severity"),
    "rule-checks": ("检查", "checks"),
    "rule-basis": ("依据", "basis"),
    "rule-message": ("提示语", "message"),
    "rule-passes": ("通过", "passes"),
    "rule-fails": ("不通过", "fails"),
}

SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}
HEADERS = {"zh": ("文件", "单位", "年度", "错误", "警告", "提示"),
           "en": ("file", "unit", "year", "errors", "warnings", "info")}


def say(key: str, lang: str = "zh", **values: object) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


# Usage errors come from the command-line parser in English; these say them in Chinese.
_USAGE_ZH = [
    (r"Missing argument '(.+?)'\.?", "缺少参数 {0}。"),
    (r"Missing option '(.+?)'\.?", "缺少选项 {0}。"),
    (r"No such option: (\S+?) Did you mean (.+)\?$", "没有选项 {0}，是否想用 {1}？"),
    (r"No such option: (\S+?)(?: \(Possible options: (.+)\))?$", "没有选项 {0}。"),
    (r"Option '(.+?)' requires an argument\.", "选项 {0} 需要一个值。"),
    (r"Option '(.+?)' does not take a value\.", "选项 {0} 不带值。"),
    (r"Invalid value for '(.+?)': (.+)", "{0} 的值无效：{1}"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{0}"),
    (r"No such command '(.+?)'\. Did you mean '(.+?)'\?", "没有命令“{0}”，是否想用“{1}”？"),
    (r"No such command '(.+?)'\.", "没有命令“{0}”；运行 reportlint --help 查看全部命令。"),
]


def usage_error(message: str, usage: str, lang: str) -> str:
    """The parser's complaint and the usage line, in the run's language."""
    if lang == "en":
        return f"{usage}\nError: {message}\n".lstrip()
    text = next((zh.format(*m.groups()) for pattern, zh in _USAGE_ZH if (m := re.fullmatch(pattern, message))),
                message)
    usage = usage.replace("Usage: ", "用法：").replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]…")
    return f"{usage}\n错误：{text}\n".lstrip()
