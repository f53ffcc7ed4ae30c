-- title: dateadd month at month end
-- call: dateadd("month", 1, "cast('2024-01-31' as date)")
DATEADD(MONTH, 1, CAST('2024-01-31' AS DATE))

-- title: dateadd negative day
-- call: dateadd("day", -1, "cast('2024-03-01' as date)")
DATEADD(DAY, -1, CAST('2024-03-01' AS DATE))

-- title: dateadd quarter
-- call: dateadd("quarter", 1, "cast('2024-11-30' as date)")
DATEADD(QUARTER, 1, CAST('2024-11-30' AS DATE))

-- title: dateadd week
-- call: dateadd("week", 2, "cast('2024-02-20' as date)")
DATEADD(WEEK, 2, CAST('2024-02-20' AS DATE))

-- title: dateadd quoted datepart
-- call: dateadd("'day'", "1 + 1", "cast('2024-12-31' as date)")
DATEADD(DAY, 1 + 1, CAST('2024-12-31' AS DATE))

-- title: dateadd hour across a year
-- call: dateadd("hour", 5, "cast('2024-12-31 22:00:00' as timestamp)")
DATEADD(HOUR, 5, CAST('2024-12-31 22:00:00' AS TIMESTAMP))

-- title: dateadd of NULL
-- call: dateadd("day", 1, "cast(null as date)")
DATEADD(DAY, 1, CAST(NULL AS DATE))

-- title: datediff day across years
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "day")
DATEDIFF(DAY, CAST('2023-12-31' AS DATE), CAST('2024-01-01' AS DATE))

-- title: datediff year counts boundaries
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "year")
DATEDIFF(YEAR, CAST('2023-12-31' AS DATE), CAST('2024-01-01' AS DATE))

-- title: datediff quarter
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "quarter")
DATEDIFF(QUARTER, CAST('2023-12-31' AS DATE), CAST('2024-01-01' AS DATE))

-- title: datediff month
-- call: datediff("cast('2024-01-31' as date)", "cast('2024-02-01' as date)", "month")
DATEDIFF(MONTH, CAST('2024-01-31' AS DATE), CAST('2024-02-01' AS DATE))

-- title: datediff month backwards
-- call: datediff("cast('2024-03-01' as date)", "cast('2023-12-31' as date)", "month")
DATEDIFF(MONTH, CAST('2024-03-01' AS DATE), CAST('2023-12-31' AS DATE))

-- title: datediff week: Saturday to Sunday
-- call: datediff("cast('2024-01-06' as date)", "cast('2024-01-07' as date)", "week")
DATEDIFF(WEEK, CAST('2024-01-06' AS DATE), CAST('2024-01-07' AS DATE))

-- title: datediff week: Sunday to Saturday
-- call: datediff("cast('2024-01-07' as date)", "cast('2024-01-13' as date)", "week")
DATEDIFF(WEEK, CAST('2024-01-07' AS DATE), CAST('2024-01-13' AS DATE))

-- title: datediff week across years
-- call: datediff("cast('2023-12-30' as date)", "cast('2024-01-14' as date)", "week")
DATEDIFF(WEEK, CAST('2023-12-30' AS DATE), CAST('2024-01-14' AS DATE))

-- title: datediff week backwards
-- call: datediff("cast('2024-01-07' as date)", "cast('2024-01-06' as date)", "week")
DATEDIFF(WEEK, CAST('2024-01-07' AS DATE), CAST('2024-01-06' AS DATE))

-- title: datediff hour
-- call: datediff("cast('2024-01-01 23:59:00' as timestamp)", "cast('2024-01-02 00:01:00' as timestamp)", "hour")
DATEDIFF(HOUR, CAST('2024-01-01 23:59:00' AS TIMESTAMP), CAST('2024-01-02 00:01:00' AS TIMESTAMP))

-- title: datediff minute
-- call: datediff("cast('2024-01-01 10:00:59' as timestamp)", "cast('2024-01-01 10:01:00' as timestamp)", "minute")
DATEDIFF(MINUTE, CAST('2024-01-01 10:00:59' AS TIMESTAMP), CAST('2024-01-01 10:01:00' AS TIMESTAMP))

-- title: datediff second
-- call: datediff("cast('2024-01-01 10:00:59' as timestamp)", "cast('2024-01-01 10:02:00' as timestamp)", "second")
DATEDIFF(SECOND, CAST('2024-01-01 10:00:59' AS TIMESTAMP), CAST('2024-01-01 10:02:00' AS TIMESTAMP))

-- title: datediff of NULL
-- call: datediff("cast(null as date)", "cast('2024-01-01' as date)", "day")
DATEDIFF(DAY, CAST(NULL AS DATE), CAST('2024-01-01' AS DATE))

-- title: date_trunc week starts Monday
-- call: date_trunc("week", "cast('2024-01-03' as date)")
DATE_TRUNC('WEEK', CAST('2024-01-03' AS DATE))

-- title: date_trunc month
-- call: date_trunc("month", "cast('2024-02-15' as date)")
DATE_TRUNC('MONTH', CAST('2024-02-15' AS DATE))

-- title: last_day month in a leap year
-- call: last_day("cast('2024-02-10' as date)", "month")
CAST(DATEADD(DAY, -1, DATEADD(MONTH, 1, DATE_TRUNC('MONTH', CAST('2024-02-10' AS DATE)))) AS DATE)

-- title: last_day quarter
-- call: last_day("cast('2024-05-10' as date)", "quarter")
CAST(DATEADD(DAY, -1, DATEADD(QUARTER, 1, DATE_TRUNC('QUARTER', CAST('2024-05-10' AS DATE)))) AS DATE)

-- title: last_day year
-- call: last_day("cast('2024-05-10' as date)", "year")
CAST(DATEADD(DAY, -1, DATEADD(YEAR, 1, DATE_TRUNC('YEAR', CAST('2024-05-10' AS DATE)))) AS DATE)

-- title: date
-- call: date(2024, 2, 29)
CAST('2024-02-29' AS DATE)

-- title: type_string
-- call: cast("42", type_string())
CAST(42 AS VARCHAR)

-- title: type_int
-- call: cast("'7'", type_int())
CAST('7' AS INT)

-- title: type_bigint
-- call: cast("'9000000000'", type_bigint())
CAST('9000000000' AS BIGINT)

-- title: type_float
-- call: cast("'0.5'", type_float())
CAST('0.5' AS DOUBLE)

-- title: type_numeric keeps six decimals
-- call: cast("'12.3456789'", type_numeric())
CAST('12.3456789' AS DECIMAL(28, 6))

-- title: type_boolean
-- call: cast("'true'", type_boolean())
CAST('true' AS BOOLEAN)

-- title: type_timestamp
-- call: cast("'2024-01-02 03:04:05'", type_timestamp())
CAST('2024-01-02 03:04:05' AS TIMESTAMP)

-- title: current_timestamp is now
-- call: datediff("cast('2020-01-01' as date)", current_timestamp(), "year")
DATEDIFF(YEAR, CAST('2020-01-01' AS DATE), CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()))

-- title: current_timestamp_in_utc_backcompat is within a day of local time
-- call: datediff(current_timestamp_backcompat(), current_timestamp_in_utc_backcompat(), "hour")
DATEDIFF(HOUR, CAST(CURRENT_TIMESTAMP() AS TIMESTAMP), CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()) AS TIMESTAMP))

-- title: concat
-- call: concat(["'a'", "'-'", "'b'"])
'a' || '-' || 'b'

-- title: concat with NULL is NULL
-- call: concat(["'a'", "null"])
'a' || NULL

-- title: hash is md5 hex
-- call: hash("'datanet'")
MD5(CAST('datanet' AS VARCHAR))

-- title: hash of a number hashes its text
-- call: hash(42)
MD5(CAST(42 AS VARCHAR))

-- title: hash of NULL
-- call: hash("null")
MD5(CAST(NULL AS VARCHAR))

-- title: split_part
-- call: split_part("'a,b,c'", "','", 2)
SPLIT_PART('a,b,c', ',', 2)

-- title: split_part last
-- call: split_part("'a,b,c'", "','", -1)
SPLIT_PART('a,b,c', ',', -1)

-- title: split_part second from the end
-- call: split_part("'a,b,c'", "','", -2)
SPLIT_PART('a,b,c', ',', -2)

-- title: split_part negative, long delimiter
-- call: split_part("'a--b--c'", "'--'", -1)
SPLIT_PART('a--b--c', '--', -1)

-- title: split_part of NULL
-- call: split_part("null", "','", 1)
SPLIT_PART(NULL, ',', 1)

-- title: position
-- call: position("'c'", "'abc'")
CHARINDEX('c', 'abc')

-- title: position absent
-- call: position("'z'", "'abc'")
CHARINDEX('z', 'abc')

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
CAST(1 = 1 AS VARCHAR)

-- title: cast_bool_to_text of NULL
-- call: cast_bool_to_text("cast(null as boolean)")
CAST(CAST(NULL AS BOOLEAN) AS VARCHAR)

-- title: safe_cast of a good value
-- call: safe_cast("'12'", type_int())
TRY_CAST('12' AS INT)

-- title: safe_cast of a bad value is NULL
-- call: safe_cast("'twelve'", type_int())
TRY_CAST('twelve' AS INT)

-- title: cast
-- call: cast("'2024-02-29'", "date")
CAST('2024-02-29' AS DATE)

-- title: equals
-- call: equals("1", "1")
(1 = 1)

-- title: listagg with order and delimiter
-- call: listagg("x", "'-'", "order by o desc")
LISTAGG(x, '-') WITHIN GROUP (ORDER BY o DESC)

-- title: any_value
-- call: any_value("o > 0")
ANY_VALUE(o > 0)

-- title: bool_or
-- call: bool_or("b")
BOOLOR_AGG(b)

-- title: bool_or all false
-- call: bool_or("o > 10")
BOOLOR_AGG(o > 10)

-- title: array_construct
-- call: array_construct([1, 2, 3])
[1, 2, 3]

-- title: array_construct empty
-- call: array_construct([])
[]

-- title: array_append
-- call: array_append(array_construct([1, 2]), 3)
ARRAY_APPEND(COALESCE([1, 2], []), 3)

-- title: array_concat
-- call: array_concat(array_construct([1]), array_construct([2, 3]))
ARRAY_CAT([1], [2, 3])

-- title: type_string
-- call: type_string()
VARCHAR

-- title: type_timestamp
-- call: type_timestamp()
TIMESTAMP

-- title: type_int
-- call: type_int()
INT

-- title: type_bigint
-- call: type_bigint()
BIGINT

-- title: type_float
-- call: type_float()
DOUBLE

-- title: type_numeric
-- call: type_numeric()
DECIMAL(28, 6)

-- title: type_boolean
-- call: type_boolean()
BOOLEAN

-- title: current_timestamp
-- call: current_timestamp()
CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP())

-- title: current_timestamp_backcompat
-- call: current_timestamp_backcompat()
CAST(CURRENT_TIMESTAMP() AS TIMESTAMP)

-- title: current_timestamp_in_utc_backcompat
-- call: current_timestamp_in_utc_backcompat()
CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()) AS TIMESTAMP)

-- title: escape_single_quotes
-- call: escape_single_quotes("it's")
it\'s

-- title: except
-- call: except_()
except

-- title: intersect
-- call: intersect()
intersect

-- title: listagg without order
-- call: listagg("x")
LISTAGG(x, ',')

-- title: date_trunc on a column
-- call: date_trunc("day", "ordered_at")
DATE_TRUNC('DAY', ordered_at)

-- title: dateadd with a column interval
-- call: dateadd("day", "days_late", "ordered_at")
DATEADD(DAY, days_late, ordered_at)

-- title: generate_series
-- call: generate_series(5)
WITH p AS (SELECT 0 AS generated_number UNION ALL SELECT 1), unioned AS (SELECT p0.generated_number * POWER(2, 0) + p1.generated_number * POWER(2, 1) + p2.generated_number * POWER(2, 2) + 1 AS generated_number FROM p AS p0 CROSS JOIN p AS p1 CROSS JOIN p AS p2) SELECT * FROM unioned WHERE generated_number <= 5 ORDER BY generated_number

-- title: date_spine by month
-- call: date_spine("month", "cast('2023-11-01' as date)", "cast('2024-03-01' as date)")
WITH p AS (SELECT 0 AS generated_number UNION ALL SELECT 1), unioned AS (SELECT p0.generated_number * POWER(2, 0) + p1.generated_number * POWER(2, 1) + 1 AS generated_number FROM p AS p0 CROSS JOIN p AS p1), rawdata AS (SELECT * FROM unioned WHERE generated_number <= 4 ORDER BY generated_number), all_periods AS (SELECT DATEADD(MONTH, generated_number - 1, CAST('2023-11-01' AS DATE)) AS date_month FROM rawdata), filtered AS (SELECT * FROM all_periods WHERE date_month <= CAST('2024-03-01' AS DATE)) SELECT * FROM filtered
