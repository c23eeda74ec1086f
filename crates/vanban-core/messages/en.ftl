# The words of findings, in English. Each message has its Vietnamese twin of the same name in
# vi.ftl; a test checks that both files hold the same names with the same arguments.

## Labels: the arithmetic a finding speaks of.
label-excess = { $label } − 100%
label-footnote = footnote { $mark }: { $fraction }
label-against = { $text }: { $value } against { $base }
label-against-plan = { $indicator } { $year }: { $text } against the plan { $plan }
unit-items = items
cell-at-line = { $value } (line { $line })

## Percentages.
percent-mismatch = { $label } = { $computed }%, but the text states { $stated }%
percent-truncated = { $label } = { $computed }%, stated { $stated }%: cut off instead of rounded ({ $rounded }%)
over-100-fraction = { $fraction } = { $computed }%; a share of { $unit } cannot exceed 100%
over-100-fraction-stated = { $fraction } = { $computed }%, stated { $stated }%; a share of { $unit } cannot exceed 100%
over-100-rate = a rate (tỷ lệ) of { $stated }% is stated; a share of a whole cannot exceed 100%

## Evaluations and targets.
evaluation-contradicts = evaluated as { $said ->
        [met] met
       *[not-met] not met
    }, but the result { $value }% { $truth ->
        [meets] meets
       *[misses] misses
    } the requirement { $requirement } (line { $line })
target-missed = { $indicator }: { $value }% against the target { $target } of { $plan } (line { $line }); paired because { $because }
target-between = between { $low } and { $high }
target-compared = { $comparator } { $value }
bound-cited = the report cites the plan ({ $role })
bound-place = a plan of the same place ({ $place }) and level

## Totals and counts.
sum-part-over = the part { $part }{ $unit } is larger than its total { $total }{ $unit }
sum-mismatch = the total is { $total }{ $unit }, but the parts add up to { $parts } = { $sum } (off by { $diff })
count-items = { $stated } items are announced, but { $listed } are listed
count-summary = the summary says { $stated } { $subject ->
        [met] criteria met
        [not-met] criteria not met
        [in-progress] criteria in progress
       *[all] criteria in all
    }, but { $listed } of the { $of } criteria of its group are evaluated so
count-summary-of = the summary counts { $of } criteria, but its group lists { $listed }
period-years = { $text }: { $stated } years are stated, but { $from }–{ $to } spans { $years }

## Dates.
weekday-wrong = { $date } is written as a { $said ->
        [0] Sunday
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
       *[6] Saturday
    }, but that day was a { $real ->
        [0] Sunday
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
       *[6] Saturday
    }
id-year = { $id }: { $year } is no year
bad-date = { $date } is no calendar date
deadline-past = { $text }: the document of { $date } asks for this by { $by }, already past

## One quantity stated twice.
value-mismatch-text = { $indicator } for { $year }: the text says { $text }, the table row { $row } gives { $cells }
value-mismatch-tables = { $indicator }: the table row gives another value than the row { $row } of an earlier table ({ $cells })
value-cell-pair = { $year } { $stage ->
        [achieved] done
        [planned] planned
       *[forecast] foreseen
    }: { $value } against { $other }

## The command line's table of findings.
severity = { $severity ->
        [error] error
        [warning] warning
       *[info] info
    }
check-summary = { $findings } finding(s), { $errors } error(s), in { $documents } document(s)
