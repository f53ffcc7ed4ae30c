-- title: dateadd month at month end
-- call: dateadd("month", 1, "cast('2024-01-31' as date)")
DATETIME_ADD(CAST(CAST('2024-01-31' AS DATE) AS DATETIME), INTERVAL 1 MONTH)

-- title: dateadd negative day
-- call: dateadd("day", -1, "cast('2024-03-01' as date)")
DATETIME_ADD(CAST(CAST('2024-03-01' AS DATE) AS DATETIME), INTERVAL -1 DAY)

-- title: dateadd quarter
-- call: dateadd("quarter", 1, "cast('2024-11-30' as date)")
DATETIME_ADD(CAST(CAST('2024-11-30' AS DATE) AS DATETIME), INTERVAL 1 QUARTER)

-- title: dateadd week
-- call: dateadd("week", 2, "cast('2024-02-20' as date)")
DATETIME_ADD(CAST(CAST('2024-02-20' AS DATE) AS DATETIME), INTERVAL 2 WEEK)

-- title: dateadd quoted datepart
-- call: dateadd("'day'", "1 + 1", "cast('2024-12-31' as date)")
DATETIME_ADD(CAST(CAST('2024-12-31' AS DATE) AS DATETIME), INTERVAL (1 + 1) DAY)

-- title: dateadd hour across a year
-- call: dateadd("hour", 5, "cast('2024-12-31 22:00:00' as timestamp)")
DATETIME_ADD(CAST(CAST('2024-12-31 22:00:00' AS TIMESTAMP) AS DATETIME), INTERVAL 5 HOUR)

-- title: dateadd of NULL
-- call: dateadd("day", 1, "cast(null as date)")
DATETIME_ADD(CAST(CAST(NULL AS DATE) AS DATETIME), INTERVAL 1 DAY)

-- title: datediff day across years
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "day")
DATETIME_DIFF(CAST(CAST('2024-01-01' AS DATE) AS DATETIME), CAST(CAST('2023-12-31' AS DATE) AS DATETIME), DAY)

-- title: datediff year counts boundaries
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "year")
DATETIME_DIFF(CAST(CAST('2024-01-01' AS DATE) AS DATETIME), CAST(CAST('2023-12-31' AS DATE) AS DATETIME), YEAR)

-- title: datediff quarter
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "quarter")
DATETIME_DIFF(CAST(CAST('2024-01-01' AS DATE) AS DATETIME), CAST(CAST('2023-12-31' AS DATE) AS DATETIME), QUARTER)

-- title: datediff month
-- call: datediff("cast('2024-01-31' as date)", "cast('2024-02-01' as date)", "month")
DATETIME_DIFF(CAST(CAST('2024-02-01' AS DATE) AS DATETIME), CAST(CAST('2024-01-31' AS DATE) AS DATETIME), MONTH)

-- title: datediff month backwards
-- call: datediff("cast('2024-03-01' as date)", "cast('2023-12-31' as date)", "month")
DATETIME_DIFF(CAST(CAST('2023-12-31' AS DATE) AS DATETIME), CAST(CAST('2024-03-01' AS DATE) AS DATETIME), MONTH)

-- title: datediff week: Saturday to Sunday
-- call: datediff("cast('2024-01-06' as date)", "cast('2024-01-07' as date)", "week")
DATETIME_DIFF(CAST(CAST('2024-01-07' AS DATE) AS DATETIME), CAST(CAST('2024-01-06' AS DATE) AS DATETIME), WEEK)

-- title: datediff week: Sunday to Saturday
-- call: datediff("cast('2024-01-07' as date)", "cast('2024-01-13' as date)", "week")
DATETIME_DIFF(CAST(CAST('2024-01-13' AS DATE) AS DATETIME), CAST(CAST('2024-01-07' AS DATE) AS DATETIME), WEEK)

-- title: datediff week across years
-- call: datediff("cast('2023-12-30' as date)", "cast('2024-01-14' as date)", "week")
DATETIME_DIFF(CAST(CAST('2024-01-14' AS DATE) AS DATETIME), CAST(CAST('2023-12-30' AS DATE) AS DATETIME), WEEK)

-- title: datediff week backwards
-- call: datediff("cast('2024-01-07' as date)", "cast('2024-01-06' as date)", "week")
DATETIME_DIFF(CAST(CAST('2024-01-06' AS DATE) AS DATETIME), CAST(CAST('2024-01-07' AS DATE) AS DATETIME), WEEK)

-- title: datediff hour
-- call: datediff("cast('2024-01-01 23:59:00' as timestamp)", "cast('2024-01-02 00:01:00' as timestamp)", "hour")
DATETIME_DIFF(CAST(CAST('2024-01-02 00:01:00' AS TIMESTAMP) AS DATETIME), CAST(CAST('2024-01-01 23:59:00' AS TIMESTAMP) AS DATETIME), HOUR)

-- title: datediff minute
-- call: datediff("cast('2024-01-01 10:00:59' as timestamp)", "cast('2024-01-01 10:01:00' as timestamp)", "minute")
DATETIME_DIFF(CAST(CAST('2024-01-01 10:01:00' AS TIMESTAMP) AS DATETIME), CAST(CAST('2024-01-01 10:00:59' AS TIMESTAMP) AS DATETIME), MINUTE)

-- title: datediff second
-- call: datediff("cast('2024-01-01 10:00:59' as timestamp)", "cast('2024-01-01 10:02:00' as timestamp)", "second")
DATETIME_DIFF(CAST(CAST('2024-01-01 10:02:00' AS TIMESTAMP) AS DATETIME), CAST(CAST('2024-01-01 10:00:59' AS TIMESTAMP) AS DATETIME), SECOND)

-- title: datediff of NULL
-- call: datediff("cast(null as date)", "cast('2024-01-01' as date)", "day")
DATETIME_DIFF(CAST(CAST('2024-01-01' AS DATE) AS DATETIME), CAST(CAST(NULL AS DATE) AS DATETIME), DAY)

-- title: date_trunc week starts Monday
-- call: date_trunc("week", "cast('2024-01-03' as date)")
TIMESTAMP_TRUNC(CAST(CAST('2024-01-03' AS DATE) AS TIMESTAMP), WEEK)

-- title: date_trunc month
-- call: date_trunc("month", "cast('2024-02-15' as date)")
TIMESTAMP_TRUNC(CAST(CAST('2024-02-15' AS DATE) AS TIMESTAMP), MONTH)

-- title: last_day month in a leap year
-- call: last_day("cast('2024-02-10' as date)", "month")
CAST(DATETIME_ADD(CAST(DATETIME_ADD(CAST(TIMESTAMP_TRUNC(CAST(CAST('2024-02-10' AS DATE) AS TIMESTAMP), MONTH) AS DATETIME), INTERVAL 1 MONTH) AS DATETIME), INTERVAL -1 DAY) AS DATE)

-- title: last_day quarter
-- call: last_day("cast('2024-05-10' as date)", "quarter")
CAST(DATETIME_ADD(CAST(DATETIME_ADD(CAST(TIMESTAMP_TRUNC(CAST(CAST('2024-05-10' AS DATE) AS TIMESTAMP), QUARTER) AS DATETIME), INTERVAL 1 QUARTER) AS DATETIME), INTERVAL -1 DAY) AS DATE)

-- title: last_day year
-- call: last_day("cast('2024-05-10' as date)", "year")
CAST(DATETIME_ADD(CAST(DATETIME_ADD(CAST(TIMESTAMP_TRUNC(CAST(CAST('2024-05-10' AS DATE) AS TIMESTAMP), YEAR) AS DATETIME), INTERVAL 1 YEAR) AS DATETIME), INTERVAL -1 DAY) AS DATE)

-- title: date
-- call: date(2024, 2, 29)
CAST('2024-02-29' AS DATE)

-- title: type_string
-- call: cast("42", type_string())
CAST(42 AS STRING)

-- title: type_int
-- call: cast("'7'", type_int())
CAST('7' AS INT64)

-- title: type_bigint
-- call: cast("'9000000000'", type_bigint())
CAST('9000000000' AS INT64)

-- title: type_float
-- call: cast("'0.5'", type_float())
CAST('0.5' AS FLOAT64)

-- title: type_numeric keeps six decimals
-- call: cast("'12.3456789'", type_numeric())
CAST('12.3456789' AS NUMERIC)

-- title: type_boolean
-- call: cast("'true'", type_boolean())
CAST('true' AS BOOL)

-- title: type_timestamp
-- call: cast("'2024-01-02 03:04:05'", type_timestamp())
CAST('2024-01-02 03:04:05' AS TIMESTAMP)

-- title: current_timestamp is now
-- call: datediff("cast('2020-01-01' as date)", current_timestamp(), "year")
DATETIME_DIFF(CAST(CURRENT_TIMESTAMP() AS DATETIME), CAST(CAST('2020-01-01' AS DATE) AS DATETIME), YEAR)

-- title: current_timestamp_in_utc_backcompat is within a day of local time
-- call: datediff(current_timestamp_backcompat(), current_timestamp_in_utc_backcompat(), "hour")
DATETIME_DIFF(CAST(CURRENT_TIMESTAMP() AS DATETIME), CAST(CURRENT_TIMESTAMP() AS DATETIME), HOUR)

-- title: concat
-- call: concat(["'a'", "'-'", "'b'"])
'a' || '-' || 'b'

-- title: concat with NULL is NULL
-- call: concat(["'a'", "null"])
'a' || NULL

-- title: hash is md5 hex
-- call: hash("'datanet'")
TO_HEX(MD5(CAST('datanet' AS STRING)))

-- title: hash of a number hashes its text
-- call: hash(42)
TO_HEX(MD5(CAST(42 AS STRING)))

-- title: hash of NULL
-- call: hash("null")
TO_HEX(MD5(CAST(NULL AS STRING)))

-- title: split_part
-- call: split_part("'a,b,c'", "','", 2)
SPLIT('a,b,c', ',')[SAFE_OFFSET(1)]

-- title: split_part last
-- call: split_part("'a,b,c'", "','", -1)
SPLIT('a,b,c', ',')[SAFE_OFFSET(CAST(DIV((LENGTH('a,b,c') - LENGTH(REPLACE('a,b,c', ',', ''))), LENGTH(',')) + 1 AS INT64) - 1)]

-- title: split_part second from the end
-- call: split_part("'a,b,c'", "','", -2)
SPLIT('a,b,c', ',')[SAFE_OFFSET(CAST(DIV((LENGTH('a,b,c') - LENGTH(REPLACE('a,b,c', ',', ''))), LENGTH(',')) + 1 + -1 AS INT64) - 1)]

-- title: split_part negative, long delimiter
-- call: split_part("'a--b--c'", "'--'", -1)
SPLIT('a--b--c', '--')[SAFE_OFFSET(CAST(DIV((LENGTH('a--b--c') - LENGTH(REPLACE('a--b--c', '--', ''))), LENGTH('--')) + 1 AS INT64) - 1)]

-- title: split_part of NULL
-- call: split_part("null", "','", 1)
SPLIT(NULL, ',')[SAFE_OFFSET(0)]

-- title: position
-- call: position("'c'", "'abc'")
INSTR('abc', 'c')

-- title: position absent
-- call: position("'z'", "'abc'")
INSTR('abc', 'z')

-- title: replace
-- call: replace("'a-b-c'", "'-'", "'+'")
REPLACE('a-b-c', '-', '+')

-- title: right
-- call: right("'abcdef'", 3)
RIGHT('abcdef', 3)

-- title: right of zero characters
-- call: right("'abcdef'", 0)
RIGHT('abcdef', 0)

-- title: length
-- call: length("'abcd'")
LENGTH('abcd')

-- title: string_literal of an escaped text
-- call: string_literal(escape_single_quotes("it's"))
'it\'s'

-- title: cast_bool_to_text
-- call: cast_bool_to_text("1 = 1")
CAST(1 = 1 AS STRING)

-- title: cast_bool_to_text of NULL
-- call: cast_bool_to_text("cast(null as boolean)")
CAST(CAST(NULL AS BOOL) AS STRING)

-- title: safe_cast of a good value
-- call: safe_cast("'12'", type_int())
SAFE_CAST('12' AS INT64)

-- title: safe_cast of a bad value is NULL
-- call: safe_cast("'twelve'", type_int())
SAFE_CAST('twelve' AS INT64)

-- title: cast
-- call: cast("'2024-02-29'", "date")
CAST('2024-02-29' AS DATE)

-- title: equals
-- call: equals("1", "1")
(1 = 1)

-- title: listagg with order and delimiter
-- call: listagg("x", "'-'", "order by o desc")
STRING_AGG(x, '-' ORDER BY o DESC)

-- title: any_value
-- call: any_value("o > 0")
ANY_VALUE(o > 0)

-- title: bool_or
-- call: bool_or("b")
LOGICAL_OR(b)

-- title: bool_or all false
-- call: bool_or("o > 10")
LOGICAL_OR(o > 10)

-- title: array_construct
-- call: array_construct([1, 2, 3])
[1, 2, 3]

-- title: array_construct empty
-- call: array_construct([])
ARRAY<INT64>[]

-- title: array_append
-- call: array_append(array_construct([1, 2]), 3)
ARRAY_CONCAT([1, 2], [3])

-- title: array_concat
-- call: array_concat(array_construct([1]), array_construct([2, 3]))
ARRAY_CONCAT([1], [2, 3])

-- title: type_string
-- call: type_string()
STRING

-- title: type_timestamp
-- call: type_timestamp()
TIMESTAMP

-- title: type_int
-- call: type_int()
INT64

-- title: type_bigint
-- call: type_bigint()
INT64

-- title: type_float
-- call: type_float()
FLOAT64

-- title: type_numeric
-- call: type_numeric()
NUMERIC

-- title: type_boolean
-- call: type_boolean()
BOOL

-- title: current_timestamp
-- call: current_timestamp()
CURRENT_TIMESTAMP()

-- title: current_timestamp_backcompat
-- call: current_timestamp_backcompat()
CURRENT_TIMESTAMP()

-- title: current_timestamp_in_utc_backcompat
-- call: current_timestamp_in_utc_backcompat()
CURRENT_TIMESTAMP()

-- title: escape_single_quotes
-- call: escape_single_quotes("it's")
it\'s

-- title: except
-- call: except_()
except distinct

-- title: intersect
-- call: intersect()
intersect distinct

-- title: listagg without order
-- call: listagg("x")
STRING_AGG(x, ',')

-- title: date_trunc on a column
-- call: date_trunc("day", "ordered_at")
TIMESTAMP_TRUNC(CAST(ordered_at AS TIMESTAMP), DAY)

-- title: dateadd with a column interval
-- call: dateadd("day", "days_late", "ordered_at")
DATETIME_ADD(CAST(ordered_at AS DATETIME), INTERVAL days_late DAY)

-- title: generate_series
-- call: generate_series(5)
WITH p AS (SELECT 0 AS generated_number UNION ALL SELECT 1), unioned AS (SELECT p0.generated_number * POWER(2, 0) + p1.generated_number * POWER(2, 1) + p2.generated_number * POWER(2, 2) + 1 AS generated_number FROM p AS p0 CROSS JOIN p AS p1 CROSS JOIN p AS p2) SELECT * FROM unioned WHERE generated_number <= 5 ORDER BY generated_number

-- title: date_spine by month
-- call: date_spine("month", "cast('2023-11-01' as date)", "cast('2024-03-01' as date)")
WITH p AS (SELECT 0 AS generated_number UNION ALL SELECT 1), unioned AS (SELECT p0.generated_number * POWER(2, 0) + p1.generated_number * POWER(2, 1) + 1 AS generated_number FROM p AS p0 CROSS JOIN p AS p1), rawdata AS (SELECT * FROM unioned WHERE generated_number <= 4 ORDER BY generated_number), all_periods AS (SELECT DATETIME_ADD(CAST(CAST('2023-11-01' AS DATE) AS DATETIME), INTERVAL (generated_number - 1) MONTH) AS date_month FROM rawdata), filtered AS (SELECT * FROM all_periods WHERE date_month <= CAST('2024-03-01' AS DATE)) SELECT * FROM filtered
