-- title: dateadd month at month end
-- call: dateadd("month", 1, "cast('2024-01-31' as date)")
DATE_ADD('MONTH', 1, CAST('2024-01-31' AS DATE))

-- title: dateadd negative day
-- call: dateadd("day", -1, "cast('2024-03-01' as date)")
DATE_ADD('DAY', -1, CAST('2024-03-01' AS DATE))

-- title: dateadd quarter
-- call: dateadd("quarter", 1, "cast('2024-11-30' as date)")
DATE_ADD('QUARTER', 1, CAST('2024-11-30' AS DATE))

-- title: dateadd week
-- call: dateadd("week", 2, "cast('2024-02-20' as date)")
DATE_ADD('WEEK', 2, CAST('2024-02-20' AS DATE))

-- title: dateadd quoted datepart
-- call: dateadd("'day'", "1 + 1", "cast('2024-12-31' as date)")
DATE_ADD('DAY', 1 + 1, CAST('2024-12-31' AS DATE))

-- title: dateadd hour across a year
-- call: dateadd("hour", 5, "cast('2024-12-31 22:00:00' as timestamp)")
DATE_ADD('HOUR', 5, CAST('2024-12-31 22:00:00' AS TIMESTAMP))

-- title: dateadd of NULL
-- call: dateadd("day", 1, "cast(null as date)")
DATE_ADD('DAY', 1, CAST(NULL AS DATE))

-- title: datediff day across years
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "day")
CAST((DATE_DIFF('DAY', CAST('2023-12-31' AS DATE), CAST('2024-01-01' AS DATE))) AS BIGINT)

-- title: datediff year counts boundaries
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "year")
CAST((EXTRACT(YEAR FROM CAST('2024-01-01' AS DATE)) - EXTRACT(YEAR FROM CAST('2023-12-31' AS DATE))) AS BIGINT)

-- title: datediff quarter
-- call: datediff("cast('2023-12-31' as date)", "cast('2024-01-01' as date)", "quarter")
CAST(((EXTRACT(YEAR FROM CAST('2024-01-01' AS DATE)) - EXTRACT(YEAR FROM CAST('2023-12-31' AS DATE))) * 4 + EXTRACT(QUARTER FROM CAST('2024-01-01' AS DATE)) - EXTRACT(QUARTER FROM CAST('2023-12-31' AS DATE))) AS BIGINT)

-- title: datediff month
-- call: datediff("cast('2024-01-31' as date)", "cast('2024-02-01' as date)", "month")
CAST(((EXTRACT(YEAR FROM CAST('2024-02-01' AS DATE)) - EXTRACT(YEAR FROM CAST('2024-01-31' AS DATE))) * 12 + EXTRACT(MONTH FROM CAST('2024-02-01' AS DATE)) - EXTRACT(MONTH FROM CAST('2024-01-31' AS DATE))) AS BIGINT)

-- title: datediff month backwards
-- call: datediff("cast('2024-03-01' as date)", "cast('2023-12-31' as date)", "month")
CAST(((EXTRACT(YEAR FROM CAST('2023-12-31' AS DATE)) - EXTRACT(YEAR FROM CAST('2024-03-01' AS DATE))) * 12 + EXTRACT(MONTH FROM CAST('2023-12-31' AS DATE)) - EXTRACT(MONTH FROM CAST('2024-03-01' AS DATE))) AS BIGINT)

-- title: datediff week: Saturday to Sunday
-- call: datediff("cast('2024-01-06' as date)", "cast('2024-01-07' as date)", "week")
CAST((CAST(TRUNCATE(CAST((DATE_DIFF('DAY', CAST('2024-01-06' AS DATE), CAST('2024-01-07' AS DATE)) + ((DAY_OF_WEEK(CAST('2024-01-06' AS DATE)) % 7) + 1) - ((DAY_OF_WEEK(CAST('2024-01-07' AS DATE)) % 7) + 1)) AS DOUBLE) / 7) AS BIGINT)) AS BIGINT)

-- title: datediff week: Sunday to Saturday
-- call: datediff("cast('2024-01-07' as date)", "cast('2024-01-13' as date)", "week")
CAST((CAST(TRUNCATE(CAST((DATE_DIFF('DAY', CAST('2024-01-07' AS DATE), CAST('2024-01-13' AS DATE)) + ((DAY_OF_WEEK(CAST('2024-01-07' AS DATE)) % 7) + 1) - ((DAY_OF_WEEK(CAST('2024-01-13' AS DATE)) % 7) + 1)) AS DOUBLE) / 7) AS BIGINT)) AS BIGINT)

-- title: datediff week across years
-- call: datediff("cast('2023-12-30' as date)", "cast('2024-01-14' as date)", "week")
CAST((CAST(TRUNCATE(CAST((DATE_DIFF('DAY', CAST('2023-12-30' AS DATE), CAST('2024-01-14' AS DATE)) + ((DAY_OF_WEEK(CAST('2023-12-30' AS DATE)) % 7) + 1) - ((DAY_OF_WEEK(CAST('2024-01-14' AS DATE)) % 7) + 1)) AS DOUBLE) / 7) AS BIGINT)) AS BIGINT)

-- title: datediff week backwards
-- call: datediff("cast('2024-01-07' as date)", "cast('2024-01-06' as date)", "week")
CAST((CAST(TRUNCATE(CAST((DATE_DIFF('DAY', CAST('2024-01-07' AS DATE), CAST('2024-01-06' AS DATE)) + ((DAY_OF_WEEK(CAST('2024-01-07' AS DATE)) % 7) + 1) - ((DAY_OF_WEEK(CAST('2024-01-06' AS DATE)) % 7) + 1)) AS DOUBLE) / 7) AS BIGINT)) AS BIGINT)

-- title: datediff hour
-- call: datediff("cast('2024-01-01 23:59:00' as timestamp)", "cast('2024-01-02 00:01:00' as timestamp)", "hour")
CAST(((DATE_DIFF('DAY', CAST(CAST('2024-01-01 23:59:00' AS TIMESTAMP) AS DATE), CAST(CAST('2024-01-02 00:01:00' AS TIMESTAMP) AS DATE))) * 24 + EXTRACT(HOUR FROM CAST('2024-01-02 00:01:00' AS TIMESTAMP)) - EXTRACT(HOUR FROM CAST('2024-01-01 23:59:00' AS TIMESTAMP))) AS BIGINT)

-- title: datediff minute
-- call: datediff("cast('2024-01-01 10:00:59' as timestamp)", "cast('2024-01-01 10:01:00' as timestamp)", "minute")
CAST((((DATE_DIFF('DAY', CAST(CAST('2024-01-01 10:00:59' AS TIMESTAMP) AS DATE), CAST(CAST('2024-01-01 10:01:00' AS TIMESTAMP) AS DATE))) * 24 + EXTRACT(HOUR FROM CAST('2024-01-01 10:01:00' AS TIMESTAMP)) - EXTRACT(HOUR FROM CAST('2024-01-01 10:00:59' AS TIMESTAMP))) * 60 + EXTRACT(MINUTE FROM CAST('2024-01-01 10:01:00' AS TIMESTAMP)) - EXTRACT(MINUTE FROM CAST('2024-01-01 10:00:59' AS TIMESTAMP))) AS BIGINT)

-- title: datediff second
-- call: datediff("cast('2024-01-01 10:00:59' as timestamp)", "cast('2024-01-01 10:02:00' as timestamp)", "second")
CAST(((((DATE_DIFF('DAY', CAST(CAST('2024-01-01 10:00:59' AS TIMESTAMP) AS DATE), CAST(CAST('2024-01-01 10:02:00' AS TIMESTAMP) AS DATE))) * 24 + EXTRACT(HOUR FROM CAST('2024-01-01 10:02:00' AS TIMESTAMP)) - EXTRACT(HOUR FROM CAST('2024-01-01 10:00:59' AS TIMESTAMP))) * 60 + EXTRACT(MINUTE FROM CAST('2024-01-01 10:02:00' AS TIMESTAMP)) - EXTRACT(MINUTE FROM CAST('2024-01-01 10:00:59' AS TIMESTAMP))) * 60 + FLOOR(EXTRACT(SECOND FROM CAST('2024-01-01 10:02:00' AS TIMESTAMP))) - FLOOR(EXTRACT(SECOND FROM CAST('2024-01-01 10:00:59' AS TIMESTAMP)))) AS BIGINT)

-- title: datediff of NULL
-- call: datediff("cast(null as date)", "cast('2024-01-01' as date)", "day")
CAST((DATE_DIFF('DAY', CAST(NULL AS DATE), CAST('2024-01-01' AS DATE))) AS BIGINT)

-- title: date_trunc week starts Monday
-- call: date_trunc("week", "cast('2024-01-03' as date)")
DATE_TRUNC('WEEK', CAST('2024-01-03' AS DATE))

-- title: date_trunc month
-- call: date_trunc("month", "cast('2024-02-15' as date)")
DATE_TRUNC('MONTH', CAST('2024-02-15' AS DATE))

-- title: last_day month in a leap year
-- call: last_day("cast('2024-02-10' as date)", "month")
CAST(DATE_ADD('DAY', -1, DATE_ADD('MONTH', 1, DATE_TRUNC('MONTH', CAST('2024-02-10' AS DATE)))) AS DATE)

-- title: last_day quarter
-- call: last_day("cast('2024-05-10' as date)", "quarter")
CAST(DATE_ADD('DAY', -1, DATE_ADD('QUARTER', 1, DATE_TRUNC('QUARTER', CAST('2024-05-10' AS DATE)))) AS DATE)

-- title: last_day year
-- call: last_day("cast('2024-05-10' as date)", "year")
CAST(DATE_ADD('DAY', -1, DATE_ADD('YEAR', 1, DATE_TRUNC('YEAR', CAST('2024-05-10' AS DATE)))) AS DATE)

-- title: date
-- call: date(2024, 2, 29)
CAST('2024-02-29' AS DATE)

-- title: type_string
-- call: cast("42", type_string())
CAST(42 AS VARCHAR)

-- title: type_int
-- call: cast("'7'", type_int())
CAST('7' AS INTEGER)

-- title: type_bigint
-- call: cast("'9000000000'", type_bigint())
CAST('9000000000' AS BIGINT)

-- title: type_float
-- call: cast("'0.5'", type_float())
CAST('0.5' AS REAL)

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
CAST((EXTRACT(YEAR FROM CAST(CURRENT_TIMESTAMP AS DATE)) - EXTRACT(YEAR FROM CAST('2020-01-01' AS DATE))) AS BIGINT)

-- title: current_timestamp_in_utc_backcompat is within a day of local time
-- call: datediff(current_timestamp_backcompat(), current_timestamp_in_utc_backcompat(), "hour")
CAST(((DATE_DIFF('DAY', CAST(CAST(CURRENT_TIMESTAMP AS TIMESTAMP) AS DATE), CAST(CAST(AT_TIMEZONE(CURRENT_TIMESTAMP, 'UTC') AS TIMESTAMP) AS DATE))) * 24 + EXTRACT(HOUR FROM CAST(AT_TIMEZONE(CURRENT_TIMESTAMP, 'UTC') AS TIMESTAMP)) - EXTRACT(HOUR FROM CAST(CURRENT_TIMESTAMP AS TIMESTAMP))) AS BIGINT)

-- title: concat
-- call: concat(["'a'", "'-'", "'b'"])
'a' || '-' || 'b'

-- title: concat with NULL is NULL
-- call: concat(["'a'", "null"])
'a' || NULL

-- title: hash is md5 hex
-- call: hash("'datanet'")
LOWER(TO_HEX(MD5(TO_UTF8(CAST('datanet' AS VARCHAR)))))

-- title: hash of a number hashes its text
-- call: hash(42)
LOWER(TO_HEX(MD5(TO_UTF8(CAST(42 AS VARCHAR)))))

-- title: hash of NULL
-- call: hash("null")
LOWER(TO_HEX(MD5(TO_UTF8(CAST(NULL AS VARCHAR)))))

-- title: split_part
-- call: split_part("'a,b,c'", "','", 2)
SPLIT_PART('a,b,c', ',', 2)

-- title: split_part last
-- call: split_part("'a,b,c'", "','", -1)
SPLIT_PART('a,b,c', ',', CAST(CAST(TRUNCATE(CAST((LENGTH('a,b,c') - LENGTH(REPLACE('a,b,c', ',', ''))) AS DOUBLE) / LENGTH(',')) AS BIGINT) + 1 AS INTEGER))

-- title: split_part second from the end
-- call: split_part("'a,b,c'", "','", -2)
SPLIT_PART('a,b,c', ',', CAST(CAST(TRUNCATE(CAST((LENGTH('a,b,c') - LENGTH(REPLACE('a,b,c', ',', ''))) AS DOUBLE) / LENGTH(',')) AS BIGINT) + 1 + -1 AS INTEGER))

-- title: split_part negative, long delimiter
-- call: split_part("'a--b--c'", "'--'", -1)
SPLIT_PART('a--b--c', '--', CAST(CAST(TRUNCATE(CAST((LENGTH('a--b--c') - LENGTH(REPLACE('a--b--c', '--', ''))) AS DOUBLE) / LENGTH('--')) AS BIGINT) + 1 AS INTEGER))

-- title: split_part of NULL
-- call: split_part("null", "','", 1)
SPLIT_PART(NULL, ',', 1)

-- title: position
-- call: position("'c'", "'abc'")
STRPOS('abc', 'c')

-- title: position absent
-- call: position("'z'", "'abc'")
STRPOS('abc', 'z')

-- title: replace
-- call: replace("'a-b-c'", "'-'", "'+'")
REPLACE('a-b-c', '-', '+')

-- title: right
-- call: right("'abcdef'", 3)
SUBSTR('abcdef', LENGTH('abcdef') - (3 - 1))

-- title: right of zero characters
-- call: right("'abcdef'", 0)
SUBSTR('abcdef', LENGTH('abcdef') - (0 - 1))

-- title: length
-- call: length("'abcd'")
LENGTH('abcd')

-- title: string_literal of an escaped text
-- call: string_literal(escape_single_quotes("it's"))
'it''s'

-- title: cast_bool_to_text
-- call: cast_bool_to_text("1 = 1")
CAST(1 = 1 AS VARCHAR)

-- title: cast_bool_to_text of NULL
-- call: cast_bool_to_text("cast(null as boolean)")
CAST(CAST(NULL AS BOOLEAN) AS VARCHAR)

-- title: safe_cast of a good value
-- call: safe_cast("'12'", type_int())
TRY_CAST('12' AS INTEGER)

-- title: safe_cast of a bad value is NULL
-- call: safe_cast("'twelve'", type_int())
TRY_CAST('twelve' AS INTEGER)

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
ARBITRARY(o > 0)

-- title: bool_or
-- call: bool_or("b")
BOOL_OR(b)

-- title: bool_or all false
-- call: bool_or("o > 10")
BOOL_OR(o > 10)

-- title: array_construct
-- call: array_construct([1, 2, 3])
ARRAY[1, 2, 3]

-- title: array_construct empty
-- call: array_construct([])
CAST(ARRAY[] AS ARRAY(INTEGER))

-- title: array_append
-- call: array_append(array_construct([1, 2]), 3)
CONCAT(ARRAY[1, 2], ARRAY[3])

-- title: array_concat
-- call: array_concat(array_construct([1]), array_construct([2, 3]))
CONCAT(ARRAY[1], ARRAY[2, 3])

-- title: type_string
-- call: type_string()
VARCHAR

-- title: type_timestamp
-- call: type_timestamp()
TIMESTAMP

-- title: type_int
-- call: type_int()
INTEGER

-- title: type_bigint
-- call: type_bigint()
BIGINT

-- title: type_float
-- call: type_float()
REAL

-- title: type_numeric
-- call: type_numeric()
DECIMAL(28, 6)

-- title: type_boolean
-- call: type_boolean()
BOOLEAN

-- title: current_timestamp
-- call: current_timestamp()
CURRENT_TIMESTAMP

-- title: current_timestamp_backcompat
-- call: current_timestamp_backcompat()
CAST(CURRENT_TIMESTAMP AS TIMESTAMP)

-- title: current_timestamp_in_utc_backcompat
-- call: current_timestamp_in_utc_backcompat()
CAST(AT_TIMEZONE(CURRENT_TIMESTAMP, 'UTC') AS TIMESTAMP)

-- title: escape_single_quotes
-- call: escape_single_quotes("it's")
it''s

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
DATE_ADD('DAY', CAST(days_late AS BIGINT), ordered_at)

-- title: generate_series
-- call: generate_series(5)
WITH p AS (SELECT 0 AS generated_number UNION ALL SELECT 1), unioned AS (SELECT p0.generated_number * POWER(2, 0) + p1.generated_number * POWER(2, 1) + p2.generated_number * POWER(2, 2) + 1 AS generated_number FROM p AS p0 CROSS JOIN p AS p1 CROSS JOIN p AS p2) SELECT * FROM unioned WHERE generated_number <= 5 ORDER BY generated_number

-- title: date_spine by month
-- call: date_spine("month", "cast('2023-11-01' as date)", "cast('2024-03-01' as date)")
WITH p AS (SELECT 0 AS generated_number UNION ALL SELECT 1), unioned AS (SELECT p0.generated_number * POWER(2, 0) + p1.generated_number * POWER(2, 1) + 1 AS generated_number FROM p AS p0 CROSS JOIN p AS p1), rawdata AS (SELECT * FROM unioned WHERE generated_number <= 4 ORDER BY generated_number), all_periods AS (SELECT DATE_ADD('MONTH', CAST(generated_number - 1 AS BIGINT), CAST('2023-11-01' AS DATE)) AS date_month FROM rawdata), filtered AS (SELECT * FROM all_periods WHERE date_month <= CAST('2024-03-01' AS DATE)) SELECT * FROM filtered
