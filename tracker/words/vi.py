"""Vietnamese: every text a person reads, keyed by its English text.

The key is the English text exactly as the code writes it (``Msg("no target {id!r}")``,
``word(lang, "Not met")``); the value keeps its {fields}, with the same names and
conversions. tests/words/test_catalogue.py checks that every key the code uses is here,
that nothing here is unused, and that each translation keeps its fields.
"""

from __future__ import annotations

VI: dict[str, str] = {
    # ---------------------------------------------------------------- messages: what went wrong, what was done
    # plan file
    "no such plan file (point at one with --plan PATH or TRACKER_PLAN)":
        "không có tệp kế hoạch (chỉ ra tệp bằng --plan ĐƯỜNG_DẪN hoặc biến TRACKER_PLAN)",
    "cannot read the plan file: {reason}": "không đọc được tệp kế hoạch: {reason}",
    "not UTF-8 text (save the file as UTF-8)": "không phải văn bản UTF-8 (hãy lưu tệp dạng UTF-8)",
    "TOML syntax error: {detail}": "lỗi cú pháp TOML: {detail}",
    "larger than {limit}, the limit for a plan file": "lớn hơn {limit}, giới hạn của một tệp kế hoạch",
    "values nested too deeply": "các giá trị lồng nhau quá sâu",
    "an integer of more than 4300 digits": "một số nguyên dài hơn 4300 chữ số",
    "unknown key {key!r} in {context}{hint}": "khóa {key!r} không hợp lệ trong {context}{hint}",
    "; did you mean {name!r}?": "; có phải là {name!r}?",
    "the file": "tệp",
    "target {id!r}": "chỉ tiêu {id!r}",
    "target #{number}": "chỉ tiêu thứ {number}",
    "{context}, plan {period}": "{context}, kế hoạch {period}",
    "{context} has no {key!r}": "{context} thiếu {key!r}",
    "{key!r} in {context} must be text in quotes": "{key!r} trong {context} phải là văn bản trong dấu ngoặc kép",
    "{key!r} in {context} is empty": "{key!r} trong {context} đang để trống",
    "'plan' must be a table: [plan]": "'plan' phải là một bảng: [plan]",
    "the file has no [plan] table (title, organisation, language, default_period)":
        "tệp thiếu bảng [plan] (title, organisation, language, default_period)",
    "language must be 'vi' or 'en', not {value!r}": "language phải là 'vi' hoặc 'en', không phải {value!r}",
    "targets must be written as [[target]] tables": "các chỉ tiêu phải được viết dưới dạng bảng [[target]]",
    "duplicate id {id!r} (first defined on line {line})": "trùng mã {id!r} (đã khai báo ở dòng {line})",
    "parent {parent!r} is not a target id{hint}": "chỉ tiêu cha {parent!r} không phải mã chỉ tiêu nào{hint}",
    "a target cannot be its own parent": "chỉ tiêu không thể là cha của chính nó",
    "parent {parent!r} is itself a component (one level only)":
        "chỉ tiêu cha {parent!r} lại là chỉ tiêu thành phần (chỉ cho phép một cấp)",
    "no target has a plan value for default_period {period!r}":
        "không chỉ tiêu nào có kế hoạch cho default_period {period!r}",
    "a [[target]] must be a table": "mỗi [[target]] phải là một bảng",
    "id {id!r} may hold only letters, digits, '_', '-' and '.'":
        "mã {id!r} chỉ được gồm chữ cái, chữ số, '_', '-' và '.'",
    "'accumulates' must be true or false": "'accumulates' phải là true hoặc false",
    "'change' must be 'relative' or 'points'": "'change' phải là 'relative' hoặc 'points'",
    "'plan' of {context} must be a table of period = {{ ... }}":
        "'plan' của {context} phải là bảng dạng kỳ = {{ ... }}",
    "{context}: {detail}": "{context}: {detail}",
    "{context}: period {period} is given twice": "{context}: kỳ {period} được khai báo hai lần",
    "{context}, {period}: write the plan value as a table, e.g. {{ at_least = 8 }}":
        "{context}, {period}: hãy viết giá trị kế hoạch dạng bảng, ví dụ {{ at_least = 8 }}",
    "{context}, {period}: give exactly one of {shapes} (found {found})":
        "{context}, {period}: cần đúng một trong các khóa {shapes} (đang có: {found})",
    "none": "không có",
    "{context}, {period}: 'better' must be 'higher', 'lower' or 'none'":
        "{context}, {period}: 'better' phải là 'higher', 'lower' hoặc 'none'",
    "{context}, {period}: a point needs better = 'higher', 'lower' or 'none'":
        "{context}, {period}: giá trị 'point' cần có better = 'higher', 'lower' hoặc 'none'",
    "{context}, {period}: '{key}' already says which way is better; remove 'better'":
        "{context}, {period}: '{key}' đã cho biết chiều tốt; hãy bỏ 'better'",
    "{context}, {period}: 'illustrative' is true/false and 'note' is text":
        "{context}, {period}: 'illustrative' là true/false và 'note' là văn bản",
    "{context}, {period}: write milestone = true for a yes/no target":
        "{context}, {period}: chỉ tiêu đạt/chưa đạt viết là milestone = true",
    "{context}, {period}: 'between' takes two numbers, e.g. [9, 10]":
        "{context}, {period}: 'between' cần hai số, ví dụ [9, 10]",
    "{context}, {period}: 'between' runs from low to high, not [{low}, {high}]":
        "{context}, {period}: 'between' viết từ thấp đến cao, không phải [{low}, {high}]",
    "{context}, {period}: a range needs better = 'higher' or 'lower'":
        "{context}, {period}: khoảng giá trị cần better = 'higher' hoặc 'lower'",
    "{context}, {period}: '{key}' must be a number, not {value!r}":
        "{context}, {period}: '{key}' phải là số, không phải {value!r}",
    "{context}, {period}: 'tolerance' belongs to 'about' only":
        "{context}, {period}: 'tolerance' chỉ dùng với 'about'",
    "'term' must be one of {methods}": "'term' phải là một trong {methods}",
    "{context}, {period}: 'baseline' must be a number": "{context}, {period}: 'baseline' phải là số",
    # periods
    "not a period: {label!r} (write a year 2025, a span 2021-2025, a quarter 2025-Q3 or a month 2025-06)":
        "không phải kỳ hợp lệ: {label!r} (viết năm 2025, giai đoạn 2021-2025, quý 2025-Q3 hoặc tháng 2025-06)",
    "period {label!r} ends before it starts": "kỳ {label!r} kết thúc trước khi bắt đầu",
    # values
    "empty value: write a number such as 3.93": "chưa nhập số liệu: hãy viết một số, ví dụ 3,93",
    "ambiguous number {text!r}: a comma may be a decimal or a thousands separator; {hint}":
        "số {text!r} không rõ nghĩa: dấu phẩy có thể là dấu thập phân hoặc dấu phân cách hàng nghìn; {hint}",
    "write {first} or {second}": "hãy viết {first} hoặc {second}",
    "ambiguous number {text!r}: a dot may be a decimal point or a thousands separator; "
    "write {whole} for the whole number, or {decimal} for the decimal one":
        "số {text!r} không rõ nghĩa: dấu chấm có thể là dấu thập phân hoặc dấu phân cách hàng nghìn; "
        "hãy viết {whole} nếu là số nguyên, hoặc {decimal} nếu là số thập phân",
    "write {first}": "hãy viết {first}",
    "not a finite number: {text!r}": "không phải số hữu hạn: {text!r}",
    "{number} is too large: a number has at most {limit} digits before the decimal point":
        "{number} quá lớn: một số có tối đa {limit} chữ số ở phần nguyên",
    "{number} has {count} decimal places: a number has at most {limit}":
        "{number} có {count} chữ số thập phân: một số có tối đa {limit}",
    "{number} has {count} significant digits: a number has at most {limit}":
        "{number} có {count} chữ số có nghĩa: một số có tối đa {limit}",
    "too long for a number: {text!r} (at most {limit} characters)":
        "quá dài để là một số: {text!r} (tối đa {limit} ký tự)",
    "{context}, {period}: '{key}': {detail}": "{context}, {period}: '{key}': {detail}",
    "not a number: {text!r} (write it like 3.93, 2365 or 3,93)":
        "không phải số: {text!r} (hãy viết như 3.93, 2365 hoặc 3,93)",
    "not yes or no: {text!r} (write yes/no, có/không or đạt/chưa đạt)":
        "không phải có/không: {text!r} (hãy viết có/không, đạt/chưa đạt hoặc yes/no)",
    "{target} takes a number, not {value}": "{target} cần một số, không phải {value}",
    # recording
    "{field}: {detail}": "{field}: {detail}",
    "no target {id!r}": "không có chỉ tiêu {id!r}",
    "no target {id!r} in {plan}{hint}": "không có chỉ tiêu {id!r} trong {plan}{hint}",
    " (see `tracker list`)": " (xem `tracker list`)",
    "not a date: {text!r} (write 2025-06-30 or 30/06/2025)":
        "không phải ngày: {text!r} (hãy viết 2025-06-30 hoặc 30/06/2025)",
    "as-of {as_of} is outside period {period} ({start} to {end}); a figure for the whole period has as-of {end}":
        "ngày số liệu {as_of} nằm ngoài kỳ {period} ({start} đến {end}); số liệu cả kỳ có ngày {end}",
    "{target} has no plan value for {period} (it has {have}); use --unplanned to keep a figure for comparison only":
        "{target} không có kế hoạch cho kỳ {period} (chỉ có {have}); dùng --unplanned để ghi số liệu chỉ để so sánh",
    "status must be estimate, preliminary or official, not {value!r}":
        "loại số liệu phải là estimate (ước), preliminary (sơ bộ) hoặc official (chính thức), không phải {value!r}",
    # the log
    "no plan file here (looked for plan.toml and data/plan.toml); use --plan PATH or set TRACKER_PLAN":
        "không thấy tệp kế hoạch ở đây (đã tìm plan.toml và data/plan.toml); dùng --plan ĐƯỜNG_DẪN "
        "hoặc đặt biến TRACKER_PLAN",
    "nothing to undo": "không có gì để hoàn tác",
    "{field}: no {what} {name!r} in the plan{hint}": "{field}: không có {what} {name!r} trong kế hoạch{hint}",
    "group": "nhóm",
    "owner": "đơn vị",
    "no entry {id!r} in {log}{hint}": "không có bản ghi {id!r} trong {log}{hint}",
    " (see `tracker history`)": " (xem `tracker history`)",
    "entry {id!r} is already retracted": "bản ghi {id!r} đã được hủy",
    "cannot read the progress log: {reason}": "không đọc được sổ theo dõi tiến độ: {reason}",
    "damaged progress log: {detail}": "sổ theo dõi tiến độ bị hỏng: {detail}",
    "a line longer than {limit}": "một dòng dài hơn {limit}",
    "more than {limit} from a file that is not a regular file": "hơn {limit} từ một tệp không phải tệp thường",
    "cannot write the progress log: {reason}; nothing was recorded":
        "không ghi được vào sổ theo dõi tiến độ: {reason}; chưa ghi gì",
    "too long for the log: its line would pass {limit} (shorten the note or the source)":
        "quá dài để ghi vào sổ: dòng ghi sẽ vượt quá {limit} (hãy rút ngắn ghi chú hoặc nguồn)",
    "cannot repair the progress log: {reason}; it was left as it was":
        "không sửa được sổ theo dõi tiến độ: {reason}; sổ vẫn được giữ nguyên",
    "cannot write the output: {reason}": "không ghi được kết quả ra: {reason}",
    "the log ends in a damaged block; run `tracker check --repair` first":
        "sổ theo dõi kết thúc bằng một khối bị hỏng; hãy chạy `tracker check --repair` trước",
    "locked by another process for more than {seconds} s (set TRACKER_LOCK_TIMEOUT to wait longer)":
        "đang bị tiến trình khác khóa quá {seconds} giây (đặt TRACKER_LOCK_TIMEOUT để chờ lâu hơn)",
    "ignoring a damaged last entry ({size} bytes); run `tracker check --repair`":
        "bỏ qua bản ghi cuối bị hỏng ({size} byte); hãy chạy `tracker check --repair`",
    # import and check
    "damaged last line ({size} bytes); `tracker check --repair` moves it aside":
        "dòng cuối bị hỏng ({size} byte); `tracker check --repair` sẽ chuyển nó ra chỗ khác",
    "entry {id}: unknown target {target!r}": "bản ghi {id}: không có chỉ tiêu {target!r}",
    "entry {id}: not a period: {period!r}": "bản ghi {id}: kỳ không hợp lệ: {period!r}",
    "entry {id}: as-of {as_of} is outside period {period}": "bản ghi {id}: ngày số liệu {as_of} nằm ngoài kỳ {period}",
    "entry {id}: {target} takes {kind}": "bản ghi {id}: {target} cần {kind}",
    "entry {id}: value: {detail}": "bản ghi {id}: value: {detail}",
    "yes or no": "đạt hoặc chưa đạt",
    "a number": "một số",
    "retraction {id}: no entry {entry!r}": "bản hủy {id}: không có bản ghi {entry!r}",
    "two different lines share the id {id}": "hai dòng khác nhau cùng mang mã {id}",
    "would record {count} entries from {name}": "sẽ ghi {count} số liệu từ {name}",
    "would record {count} entry from {name}": "sẽ ghi {count} số liệu từ {name}",
    "recorded {count} entries from {name}": "đã ghi {count} số liệu từ {name}",
    "recorded {count} entry from {name}": "đã ghi {count} số liệu từ {name}",
    "moved the damaged lines of {log} to {side}": "đã chuyển các dòng hỏng của {log} sang {side}",
    "damaged line ({detail}); `tracker check --repair` moves it aside":
        "dòng bị hỏng ({detail}); `tracker check --repair` sẽ chuyển nó ra chỗ khác",
    "not a progress log: not a regular file": "không phải sổ theo dõi tiến độ: không phải tệp thông thường",
    "this is the plan file, not its progress log (the log is PLAN.progress.toml)":
        "đây là tệp kế hoạch, không phải sổ theo dõi tiến độ (sổ là KẾ_HOẠCH.progress.toml)",
    "not a progress log (a log starts with comments and an [entries] line)":
        "không phải sổ theo dõi tiến độ (sổ bắt đầu bằng các dòng chú thích và dòng [entries])",
    "damaged progress log: {detail}; run `tracker check --repair`":
        "sổ theo dõi tiến độ bị hỏng: {detail}; hãy chạy `tracker check --repair`",
    "the log ends in an import that did not finish; run `tracker check --repair` first":
        "sổ theo dõi kết thúc bằng một lần nhập chưa hoàn tất; hãy chạy `tracker check --repair` trước",
    "ok: {plan} and {log}: {targets} targets, {entries} entries":
        "tốt: {plan} và {log}: {targets} chỉ tiêu, {entries} số liệu",
    "TRACKER_LOCK_TIMEOUT must be a number of seconds, not {value!r}":
        "TRACKER_LOCK_TIMEOUT phải là số giây, không phải {value!r}",
    "TRACKER_TODAY must be a date such as 2025-12-31, not {value!r}":
        "TRACKER_TODAY phải là một ngày dạng 2025-12-31, không phải {value!r}",
    "not UTF-8 text": "không phải văn bản UTF-8",
    "not UTF-8 text (set the terminal, script or environment to UTF-8)":
        "không phải văn bản UTF-8 (hãy đặt bảng mã của terminal, script hoặc môi trường là UTF-8)",
    "the login name is not UTF-8 text; set TRACKER_USER":
        "tên đăng nhập không phải văn bản UTF-8; hãy đặt biến TRACKER_USER",
    "not valid JSON: {detail}": "JSON không hợp lệ: {detail}",
    "not Unicode text (a lone surrogate such as \\ud800)":
        "không phải văn bản Unicode (một nửa cặp thay thế đứng riêng như \\ud800)",
    "larger than {limit}, the limit for a file to import; split it":
        "lớn hơn {limit}, giới hạn của một tệp nhập; hãy chia nhỏ tệp",
    "expected a list of entries or an object with \"entries\"":
        "cần một danh sách bản ghi hoặc một đối tượng có \"entries\"",
    "entry {number}: expected an object with fields target, value":
        "bản ghi {number}: cần một đối tượng có các trường target, value",
    "empty file: expected a header row with target, value, ...": "tệp rỗng: cần dòng tiêu đề có target, value, ...",
    "{where}: more cells than header columns": "{where}: nhiều ô hơn số cột của dòng tiêu đề",
    "{where}: unknown field {key!r}{hint}": "{where}: trường {key!r} không hợp lệ{hint}",
    "row {number}": "hàng {number}",
    "entry {number}": "bản ghi {number}",
    "cannot read: {reason}": "không đọc được: {reason}",
    "{where}: {field}: missing": "{where}: {field}: còn trống",
    "{where}: id: {id!r} appears twice in the file": "{where}: id: {id!r} xuất hiện hai lần trong tệp",
    "{where}: retracts: no entry {id!r}": "{where}: retracts: không có bản ghi {id!r}",
    "{where}: id: {id!r} is already in the log with other values":
        "{where}: id: {id!r} đã có trong sổ với giá trị khác",
    "{where}: {field}: {detail}": "{where}: {field}: {detail}",
    "not a date-time: {text!r}": "không phải ngày giờ: {text!r}",
    "{where}: {message}": "{where}: {message}",
    # ---------------------------------------------------------------- reports: verdicts and kinds of figure
    "Exceeded": "Vượt",
    "Met": "Đạt",
    "Not met": "Không đạt",
    "No data": "Chưa có số liệu",
    "On track": "Đúng tiến độ",
    "At risk": "Có nguy cơ",
    "Off track": "Chậm tiến độ",
    "Not judged": "Không đánh giá",
    "Achieved": "Đã đạt",
    "Not achieved": "Chưa đạt",
    "Achieve": "Đạt",
    "reported": "báo cáo",
    "est.": "ước",
    "prelim.": "sơ bộ",
    "official": "chính thức",
    "retracted": "đã hủy",
    "retracts {entry}": "hủy bản ghi {entry}",
    "plan": "kế hoạch",
    "pts": "điểm %",
    "as of": "tính đến",
    "{met} of {total} targets met or exceeded the plan": "{met}/{total} chỉ tiêu đạt và vượt kế hoạch",
    "No targets for period {period}": "Không có chỉ tiêu nào cho kỳ {period}",
    # ---------------------------------------------------------------- reports: column headers
    "ID": "Mã",
    "Target": "Chỉ tiêu",
    "Group": "Nhóm",
    "Unit": "ĐVT",
    "Plan": "Kế hoạch",
    "Actual": "Thực hiện",
    "% plan": "% KH",
    "vs last year": "So cùng kỳ",
    "Status": "Đánh giá",
    "Owner": "Đơn vị",
    "Part of": "Thuộc",
    "Period": "Kỳ",
    "As of": "Đến ngày",
    "Value": "Số liệu",
    "Figure": "Loại số",
    "Source": "Nguồn",
    "Note": "Ghi chú",
    "Recorded": "Ghi lúc",
    "By": "Người ghi",
    "Entry": "Mã bản ghi",
    "Trend": "Xu hướng",
    "No.": "STT",
    "Targets by status": "Số chỉ tiêu theo đánh giá",
    # ---------------------------------------------------------------- show: one target in full
    "History (█ actual, │ plan)": "Diễn biến (█ thực hiện, │ kế hoạch)",
    "Figures recorded": "Số liệu đã ghi",
    "illustrative value, not a published figure": "giá trị minh họa, không phải số liệu công bố",
    "no plan value for this period": "không có kế hoạch cho kỳ này",
    "no figure recorded yet": "chưa có số liệu",
    "{status}: {actual} by {day} ({share}% of the period gone); "
    "at this pace the period ends at {projected} against a plan of {plan}{needed}":
        "{status}: {actual} đến {day} ({share}% thời gian của kỳ); "
        "nếu giữ nhịp này, cả kỳ ước {projected} so với kế hoạch {plan}{needed}",
    "{status}: latest figure {actual} against a plan of {plan}":
        "{status}: số mới nhất {actual} so với kế hoạch {plan}",
    "is better than the plan": "vượt kế hoạch",
    "meets the plan": "đạt kế hoạch",
    "falls short of the plan": "không đạt kế hoạch",
    "against the plan": "so với kế hoạch",
    "{verdict} as reported (computed: {computed})": "{verdict} theo báo cáo (tính toán: {computed})",
    "; needs {amount} in {left}": "; cần thêm {amount} trong {left}",
    "the last {months} months": "{months} tháng cuối kỳ",
    "the remaining {days} days": "{days} ngày còn lại",
    ", {change}% on the same months last year": ", {change}% so với cùng kỳ",
    # term targets: how the yearly figures combine, and how the term stands
    "average growth {value}%/year ({years})": "tăng bình quân {value}%/năm ({years})",
    "average {value} a year ({years})": "bình quân {value}/năm ({years})",
    "total {value} ({years})": "tổng {value} ({years})",
    "{value} in {year}": "{value} năm {year}",
    "; since {base}: observed {observed}{unit}/year, needed {required}{unit}/year, R = {ratio} (Open SDG method)":
        "; từ {base}: thực tế {observed}{unit}/năm, cần {required}{unit}/năm, R = {ratio} (phương pháp Open SDG)",
    "; projected end of term {projected}": "; dự báo cuối kỳ {projected}",
    "achieved": "đã đạt",
    "not achieved": "không đạt",
    "on track": "đúng hướng",
    "needs acceleration": "cần đẩy nhanh",
    "limited progress": "tiến triển hạn chế",
    "deterioration": "đi xuống",
    "insufficient data": "chưa đủ số liệu",
    # ---------------------------------------------------------------- record, undo, retract: what was done
    "recorded {target} {period} = {value} as of {day} [{id}]; now: {standing}{plan}":
        "đã ghi {target} {period} = {value} tính đến {day} [{id}]; hiện tại: {standing}{plan}",
    "; plan {plan}": "; kế hoạch {plan}",
    "retracted {id}: {target} {period} = {value} ({day}) [{retraction}]":
        "đã hủy {id}: {target} {period} = {value} ({day}) [{retraction}]",
    # reading the sheets offices send (tracker.core.sheet_*, storage.sheet_files, import_rules, sheet_import)
    # places in a sheet
    "sheet {sheet!r}, row {row}, column {column}": "trang {sheet!r}, hàng {row}, cột {column}",
    "sheet {sheet!r}, row {row}": "trang {sheet!r}, hàng {row}",
    "row {row}, column {column}": "hàng {row}, cột {column}",
    # reading the file
    "not {encoding} text": "không phải văn bản {encoding}",
    "a web page or XML, not a sheet (some systems save one with an .xls name): "
    "open it in a spreadsheet and save it as .xlsx":
        "đây là trang web hoặc XML, không phải bảng tính (một số phần mềm lưu dạng này với đuôi .xls): "
        "hãy mở bằng phần mềm bảng tính rồi lưu lại dạng .xlsx",
    "a CSV file has one sheet: leave out --sheet {sheet}": "tệp CSV chỉ có một trang: hãy bỏ --sheet {sheet}",
    "the workbook has no sheets": "tệp bảng tính không có trang nào",
    "no sheet {sheet!r}; the workbook has {found}": "không có trang {sheet!r}; tệp bảng tính có {found}",
    "the workbook is protected by a password; save a copy without one":
        "tệp bảng tính được bảo vệ bằng mật khẩu; hãy lưu một bản không có mật khẩu",
    "cannot read the workbook: {detail}": "không đọc được tệp bảng tính: {detail}",
    "the workbook unpacks to more than {limit}; split it":
        "tệp bảng tính khi giải nén lớn hơn {limit}; hãy chia nhỏ tệp",
    "a zip file that is not a workbook (.xlsx, .ods)": "tệp zip này không phải bảng tính (.xlsx, .ods)",
    # the header
    "found no header row in the first {count} rows: expected columns such as "
    "Mã chỉ tiêu or Chỉ tiêu, and Giá trị or T1 … T12 (a rules file, --rules, can say where it is)":
        "không thấy dòng tiêu đề trong {count} hàng đầu: cần các cột như Mã chỉ tiêu hoặc Chỉ tiêu, "
        "và Giá trị hoặc T1 … T12 (tệp quy tắc, --rules, có thể chỉ ra dòng tiêu đề)",
    "header_row {row}: the sheet has {count} rows": "header_row {row}: trang chỉ có {count} hàng",
    "no column {name!r} in the header ({found})": "không có cột {name!r} trong dòng tiêu đề ({found})",
    "{where}: columns {first} and {second} both hold {field}": "{where}: cột {first} và cột {second} cùng là {field}",
    "the header has no target column (Mã chỉ tiêu or Chỉ tiêu)":
        "dòng tiêu đề thiếu cột chỉ tiêu (Mã chỉ tiêu hoặc Chỉ tiêu)",
    "the header has no value column (Giá trị, Số liệu, Thực hiện, or T1 … T12)":
        "dòng tiêu đề thiếu cột số liệu (Giá trị, Số liệu, Thực hiện, hoặc T1 … T12)",
    "column {value} holds values and other columns are periods (such as {period}); "
    "say which to read in a rules file":
        "cột {value} là số liệu trong khi các cột khác là các kỳ (như cột {period}); "
        "hãy ghi rõ cột cần đọc trong tệp quy tắc",
    # the cells
    "{text!r} does not fit the file's decimal {mark} (it is read as {example}); "
    "write it that way, or read the file with --decimal {other}":
        "{text!r} không khớp với dấu thập phân của tệp ({mark}, đọc như {example}); "
        "hãy viết theo cách đó, hoặc đọc tệp với --decimal {other}",
    "no target named {name!r} in the plan": "kế hoạch không có chỉ tiêu nào tên {name!r}",
    "no target named {name!r} in the plan; closest: {found}":
        "kế hoạch không có chỉ tiêu nào tên {name!r}; gần nhất: {found}",
    "{name!r} names several targets ({found}); write the target's id":
        "{name!r} là tên của nhiều chỉ tiêu ({found}); hãy ghi mã chỉ tiêu",
    "a target named, not given by its id, needs the plan": "chỉ tiêu ghi bằng tên, không bằng mã, cần có kế hoạch",
    "a value with no target in its row": "có số liệu nhưng hàng này không ghi chỉ tiêu",
    "not a date in the rules' date_format {format!r}: {text!r}":
        "không phải ngày theo date_format {format!r} của tệp quy tắc: {text!r}",
    # wide sheets
    "which year are columns {columns}? Neither the header nor the sheet's name says; give it with --year":
        "các cột {columns} thuộc năm nào? Dòng tiêu đề và tên trang đều không ghi; hãy cho biết bằng --year",
    "columns {first} and {second} both give the figure for {period} as of {as_of}, and differ "
    "({one} and {other}); a rules file can ignore one":
        "cột {first} và cột {second} cùng là số liệu kỳ {period} đến ngày {as_of} nhưng khác nhau "
        "({one} và {other}); tệp quy tắc có thể bỏ qua một cột",
    "--per-month adds up the months: {text!r} is not a number":
        "--per-month cộng dồn các tháng: {text!r} không phải số",
    "--per-month adds up the months: this month is empty and a later one is filled "
    "(write 0 for a month with nothing)":
        "--per-month cộng dồn các tháng: tháng này để trống trong khi tháng sau có số liệu "
        "(hãy ghi 0 cho tháng không phát sinh)",
    "{where}: --per-month adds up the months from the first, and the header has months {found}":
        "{where}: --per-month cộng dồn từ tháng đầu năm, nhưng dòng tiêu đề chỉ có các tháng {found}",
    # the rules file
    "larger than {limit}, the limit for a rules file": "lớn hơn {limit}, giới hạn của một tệp quy tắc",
    "sheet is a sheet's name, or its number from 1": "sheet là tên trang, hoặc số thứ tự của trang tính từ 1",
    "{key} is a row's number, from {lowest}": "{key} là số thứ tự của một hàng, từ {lowest}",
    "skip_rows is a list of row numbers, such as [5, 48]": "skip_rows là danh sách số thứ tự hàng, ví dụ [5, 48]",
    "{key} is one of {choices}, not {value!r}": "{key} là một trong {choices}, không phải {value!r}",
    "date_format is written like \"%d/%m/%Y\" (day, month, year)":
        "date_format viết dạng \"%d/%m/%Y\" (ngày, tháng, năm)",
    "year is a year such as 2025": "year là một năm, ví dụ 2025",
    "encoding is utf-8, utf-16, cp1258 (Windows Vietnamese) or cp1252":
        "encoding là utf-8, utf-16, cp1258 (Windows tiếng Việt) hoặc cp1252",
    "separator is \",\", \";\" or \"tab\"": "separator là \",\", \";\" hoặc \"tab\"",
    "{key} is a list of columns: header texts or letters": "{key} là danh sách cột: tên cột hoặc chữ cái của cột",
    "'columns' must be a table: [columns]": "'columns' phải là một bảng: [columns]",
    "'periods' must be a table: [periods]": "'periods' phải là một bảng: [periods]",
    "{ref!r}: not a period column: {label!r} (write T1, Quý II, 6 tháng, Cả năm or 2025-06)":
        "{ref!r}: không phải cột kỳ: {label!r} (hãy viết T1, Quý II, 6 tháng, Cả năm hoặc 2025-06)",
    # the year-end paragraph (tracker.render.paragraph)
    "Q{quarter} {year}": "quý {quarter}/{year}",
    "{month}/{year}": "tháng {month}/{year}",
    "{first}-{last}": "giai đoạn {first}-{last}",
    "{year}": "năm {year}",
    "No target was judged for {period}.": "Không có chỉ tiêu nào được đánh giá trong {period}.",
    "component targets": "chỉ tiêu thành phần",
    "targets": "chỉ tiêu",
    "In {period}, {met} of {total} {kind} met or exceeded the plan":
        "{period}, {met}/{total} {kind} đạt và vượt kế hoạch",
    "Exceeded the plan and grew on the same period last year": "Vượt kế hoạch và tăng so với cùng kỳ",
    "Exceeded the plan and improved on the same period last year": "Vượt kế hoạch và cải thiện so với cùng kỳ",
    "Not met the plan": "Không đạt kế hoạch",
    "No figures yet": "Chưa có số liệu",
    "final for the period: {counts}": "đã có kết quả cả kỳ: {counts}",
    "As of {day}, in {period}: {counts}.": "Tính đến ngày {day}, trong {period}: {counts}.",
    "{status}: {count}": "{count} chỉ tiêu {status}",
    "{status} {count}": "{status} {count}",
    "{percent} of plan": "bằng {percent} kế hoạch",
    "{amount} short": "còn thiếu {amount}",
    "up {amount} on the same period last year": "tăng {amount} so với cùng kỳ",
    "down {amount} on the same period last year": "giảm {amount} so với cùng kỳ",
    # the Biểu as a workbook and a Word document (tracker.render.bieu, xlsx, docx)
    "% of plan": "% kế hoạch",
    "Report": "Biểu",
    "Data": "Dữ liệu",
    "{period}, as of {day}": "{period} (tính đến ngày {day})",
    "PREPARED BY": "NGƯỜI LẬP BIỂU",
    "HEAD OF OFFICE": "THỦ TRƯỞNG ĐƠN VỊ",
    "(signature and full name)": "(Ký, ghi rõ họ tên)",
    "est. and prelim. mark estimated and preliminary figures": "ước, sơ bộ: số ước thực hiện, số sơ bộ",
    "--format {format} is for `tracker report`": "--format {format} chỉ dùng cho `tracker report`",
    "--format {format} is a file, not text: add --output FILE (or redirect: > FILE)":
        "--format {format} là một tệp, không phải văn bản: thêm --output TỆP (hoặc chuyển hướng: > TỆP)",
    "is a folder, not a file": "là thư mục, không phải tệp",
    "{year}-{month}-{day}": "ngày {day} tháng {month} năm {year}",
}  # fmt: skip

# Texts of other areas, kept in their own modules (see each module's docstring).
from tracker.words.vi_amend import VI_AMEND  # noqa: E402  (after VI: they extend it)
from tracker.words.vi_figures import VI_FIGURES  # noqa: E402
from tracker.words.vi_headline import VI_HEADLINE  # noqa: E402
from tracker.words.vi_importing import VI_IMPORTING  # noqa: E402
from tracker.words.vi_known import VI_KNOWN  # noqa: E402
from tracker.words.vi_plans import VI_PLANS  # noqa: E402
from tracker.words.vi_review import VI_REVIEW  # noqa: E402
from tracker.words.vi_units import VI_UNITS  # noqa: E402

VI.update(VI_FIGURES)
VI.update(VI_HEADLINE)
VI.update(VI_IMPORTING)
VI.update(VI_PLANS)
VI.update(VI_UNITS)
VI.update(VI_KNOWN)
VI.update(VI_AMEND)
VI.update(VI_REVIEW)
