"""English texts of how a register's headers are read (README "How headers are read")."""

from __future__ import annotations

HEADERS: dict[str, str] = {
    # --- why a header cannot be read whole: "column 'H': <reason>" ---
    "h_impossible_month": "names a month that does not exist ({detail})",
    "h_two_months": "names more than one month ({detail})",
    "h_year_alone": "names a year ({detail}) but no month",
    "h_two_units": "names two units ({detail})",
    "h_unit_alone": "names a unit ({detail}) but no field",
    "h_unit": "is in {detail}, which its field ({guess}) is not counted in (units decide: money is never hours)",
    "h_per_year": "names a figure per year (gadā, year) and no year: no field of the tool is counted per year",
    "h_words": "has field words ({detail}) that name no one field",
    "h_unknown_words": "has words that are not understood ({detail}) beside a field word, month or unit",
    "h_not_monthly": "names a month, but {detail} is not given month by month",
    "h_months_not_in_a_row": "is one of three columns headed by a month alone, but the three are not three months in a row",
    "h_bare_months": "is one of {detail} columns headed by a month alone; a one-month register takes exactly three (the months before its period)",
    "key_twice": "is given twice in this object; JSON would keep only the last value: give the key once",
    "avg_beside_months": "is not the mean of the three months before the emergency ({months}) as a spreadsheet stores or shows it; correct one of them, or leave the average out (the months are used)",
    # --- usage errors ---
    "u_header_problem": "column '{header}' {reason}: it could be a figure and is not read by guess; map it with --column '{field}={header}' (or --column 'note={header}' to copy it unread)",
    "u_months_not_before_period": "columns {columns} name months that are not the three before the period {start} – {end} ({months}); give the period they precede with --start/--end, or head them m1, m2, m3",
    "u_header_twice": "columns {headers} are both read as {field}; keep one, or map the other with --column 'note=HEADER'",
    "u_used_column_missing": "no column for hours used in {month} (its days outside the emergency are needed); headers not read: {headers}",
    "u_column_month_field": "--column '{option}': '{name}' is not given month by month; month fields: {fields}",
    "u_column_month": "--column '{option}': '{month}' is not a month; write it as 2020-03 or 03.2020",
    "u_map_file": "--columns '{path}': {reason}",
    "u_map_not_a_map": "is not a column map (a JSON object whose \"columns\" maps each header to its field, as 'asistents columns --save' writes it)",
    "u_map_header_missing": "the map's column '{header}' is not in the file",
    "u_map_new_column": "column '{header}' is not in the map and could be a figure; map it (asistents columns FILE --save map.json)",
    "small_not_regular": "is not a regular file (a FIFO or a device is never read: it may not end)",
    "small_too_large": "is larger than {limit}",
    "small_unreadable": "cannot be read ({reason})",
    # --- asistents columns ---
    "c_title": "How each column is read",
    "c_column": "Column",
    "c_field": "Field",
    "c_month": "Month",
    "c_unit": "Unit",
    "c_note": "Problem or note",
    "c_not_used": "not a figure: copied to the output",
    "c_before_month": "hours used in a month before the emergency (its average)",
    "c_saved": "column map written to {path}",
    "c_problems": "{count} problem(s) in the header: map the columns with --column (or --columns MAP) before 'batch'",
    "c_ok": "every column is read: 'asistents batch {file}' will use this map",
}
