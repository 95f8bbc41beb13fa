"""Latviešu teksti par to, kā tiek lasīti reģistra virsraksti (README "How headers are read")."""

from __future__ import annotations

HEADERS: dict[str, str] = {
    # --- kāpēc virsrakstu nevar nolasīt visu: "kolonna 'H': <iemesls>" ---
    "h_impossible_month": "nosauc mēnesi, kāda nav ({detail})",
    "h_two_months": "nosauc vairāk nekā vienu mēnesi ({detail})",
    "h_year_alone": "nosauc gadu ({detail}), bet ne mēnesi",
    "h_two_units": "nosauc divas mērvienības ({detail})",
    "h_unit_alone": "nosauc mērvienību ({detail}), bet ne lauku",
    "h_unit": "ir {detail}, bet tās lauks ({guess}) tajās netiek skaitīts (mērvienība nosaka: nauda nekad nav stundas)",
    "h_per_year": "nosauc skaitli gadā (gadā, year) un nevienu gadu: neviens rīka lauks netiek skaitīts gadā",
    "h_words": "lauka vārdi ({detail}) nenosauc vienu lauku",
    "h_unknown_words": "blakus lauka vārdam, mēnesim vai mērvienībai ir nesaprasti vārdi ({detail})",
    "h_not_monthly": "nosauc mēnesi, bet {detail} netiek dots pa mēnešiem",
    "h_months_not_in_a_row": "ir viena no trim kolonnām, kuru virsraksts ir tikai mēnesis, bet tie nav trīs mēneši pēc kārtas",
    "h_bare_months": "ir viena no {detail} kolonnām, kuru virsraksts ir tikai mēnesis; viena mēneša reģistrā tādas ir tieši trīs (mēneši pirms perioda)",
    "key_twice": "šajā objektā ir divreiz; JSON paturētu tikai pēdējo vērtību: norādiet atslēgu vienreiz",
    "avg_beside_months": "nav trīs mēnešu pirms ārkārtējās situācijas ({months}) vidējais, kā to glabā vai rāda izklājlapa; izlabojiet vienu no tiem vai neaizpildiet vidējo (tiek lietoti mēneši)",
    # --- lietošanas kļūdas ---
    "u_header_problem": "kolonna '{header}' {reason}: tā var būt skaitlis, un to neizlasa minot; norādiet to ar --column '{field}={header}' (vai --column 'note={header}', lai to nelasītu un tikai pārkopētu)",
    "u_months_not_before_period": "kolonnas {columns} nosauc mēnešus, kas nav trīs mēneši pirms perioda {start} – {end} ({months}); norādiet periodu, pirms kura tie ir, ar --start/--end vai nosauciet tās m1, m2, m3",
    "u_header_twice": "kolonnas {headers} abas tiek lasītas kā {field}; atstājiet vienu vai otru norādiet ar --column 'note=VIRSRAKSTS'",
    "u_used_column_missing": "nav kolonnas izmantotajām stundām {month} (vajadzīgas tā dienas ārpus ārkārtējās situācijas); nenolasītie virsraksti: {headers}",
    "u_column_month_field": "--column '{option}': '{name}' netiek dots pa mēnešiem; mēnešu lauki: {fields}",
    "u_column_month": "--column '{option}': '{month}' nav mēnesis; rakstiet to kā 2020-03 vai 03.2020",
    "u_map_file": "--columns '{path}': {reason}",
    "u_map_not_a_map": "nav kolonnu karte (JSON objekts, kura \"columns\" katram virsrakstam norāda tā lauku, kā to raksta 'asistents columns --save')",
    "u_map_header_missing": "kartes kolonnas '{header}' failā nav",
    "u_map_new_column": "kolonnas '{header}' kartē nav, un tā var būt skaitlis; iekļaujiet to kartē (asistents columns FAILS --save karte.json)",
    "small_not_regular": "nav parasts fails (FIFO vai ierīce netiek lasīta: tā var nebeigties)",
    "small_too_large": "ir lielāks par {limit}",
    "small_unreadable": "to nevar nolasīt ({reason})",
    # --- asistents columns ---
    "c_title": "Kā tiek lasīta katra kolonna",
    "c_column": "Kolonna",
    "c_field": "Lauks",
    "c_month": "Mēnesis",
    "c_unit": "Mērvienība",
    "c_note": "Problēma vai piezīme",
    "c_not_used": "nav skaitlis: pārkopēta izvadē",
    "c_before_month": "mēnesī pirms ārkārtējās situācijas izmantotās stundas (tās vidējam)",
    "c_saved": "kolonnu karte ierakstīta {path}",
    "c_problems": "{count} problēma(-as) virsrakstā: pirms 'batch' norādiet kolonnas ar --column (vai --columns KARTE)",
    "c_ok": "visas kolonnas ir nolasītas: 'asistents batch {file}' lietos šo karti",
}
