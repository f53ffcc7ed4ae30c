SELECT
  customer_id,
  email,
  phone,
  signup_date,
  country,
  plan,
  lifetime_value,
  lifetime_value_currency,
  discount,
  active,
  updated_at
FROM (
  SELECT
    customer_id,
    email,
    phone,
    signup_date,
    country,
    plan,
    lifetime_value,
    lifetime_value_currency,
    discount,
    active,
    updated_at,
    ROW_NUMBER() OVER (
      PARTITION BY customer_id
      ORDER BY updated_at DESC NULLS LAST, email, phone, signup_date, country, plan, lifetime_value, lifetime_value_currency, discount, active
    ) AS _dedupe_row
  FROM (
    SELECT
      customer_id,
      CASE
        WHEN REGEXP_LIKE(email, '^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$')
        THEN email
      END AS email, /* email: trim, collapse_whitespace, null_tokens, email -> VARCHAR */
      CASE WHEN REGEXP_LIKE(phone__e164, '^[+][1-9][0-9]{7,14}$') THEN phone__e164 END AS phone, /* phone: trim, collapse_whitespace, null_tokens, phone(+1) -> VARCHAR */
      CASE
        WHEN REGEXP_LIKE(signup_date__canon, '^-?[0-9]{8,10}$')
        THEN CAST(TO_TIMESTAMP(CAST(signup_date__canon AS BIGINT)) AS DATE)
        WHEN REGEXP_LIKE(signup_date__canon, '^-?[0-9]{12,13}$')
        THEN CAST(TO_TIMESTAMP(CAST(signup_date__canon AS BIGINT), 3) AS DATE)
        WHEN REGEXP_LIKE(signup_date__canon, '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')
        THEN CASE
          WHEN REGEXP_LIKE(signup_date__canon, '^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)')
          OR (
            REGEXP_LIKE(signup_date__canon, '^[0-9]{4}-02-29')
            AND NOT (
              CAST(SUBSTRING(signup_date__canon, 1, 4) AS INT) % 4 = 0
              AND (
                CAST(SUBSTRING(signup_date__canon, 1, 4) AS INT) % 100 <> 0
                OR CAST(SUBSTRING(signup_date__canon, 1, 4) AS INT) % 400 = 0
              )
            )
          )
          THEN NULL
          ELSE CAST(signup_date__canon AS DATE)
        END
      END AS signup_date, /* signup_date: trim, collapse_whitespace, null_tokens, date(day first) -> DATE */
      CASE
        WHEN UPPER(country) IN (
          'ABW',
          'AD',
          'AE',
          'AF',
          'AFG',
          'AG',
          'AGO',
          'AI',
          'AIA',
          'AL',
          'ALA',
          'ALB',
          'AM',
          'AND',
          'AO',
          'AQ',
          'AR',
          'ARE',
          'ARG',
          'ARM',
          'AS',
          'ASM',
          'AT',
          'ATA',
          'ATF',
          'ATG',
          'AU',
          'AUS',
          'AUT',
          'AW',
          'AX',
          'AZ',
          'AZE',
          'BA',
          'BB',
          'BD',
          'BDI',
          'BE',
          'BEL',
          'BEN',
          'BES',
          'BF',
          'BFA',
          'BG',
          'BGD',
          'BGR',
          'BH',
          'BHR',
          'BHS',
          'BI',
          'BIH',
          'BJ',
          'BL',
          'BLM',
          'BLR',
          'BLZ',
          'BM',
          'BMU',
          'BN',
          'BO',
          'BOL',
          'BQ',
          'BR',
          'BRA',
          'BRB',
          'BRN',
          'BS',
          'BT',
          'BTN',
          'BV',
          'BVT',
          'BW',
          'BWA',
          'BY',
          'BZ',
          'CA',
          'CAF',
          'CAN',
          'CC',
          'CCK',
          'CD',
          'CF',
          'CG',
          'CH',
          'CHE',
          'CHL',
          'CHN',
          'CI',
          'CIV',
          'CK',
          'CL',
          'CM',
          'CMR',
          'CN',
          'CO',
          'COD',
          'COG',
          'COK',
          'COL',
          'COM',
          'CPV',
          'CR',
          'CRI',
          'CU',
          'CUB',
          'CUW',
          'CV',
          'CW',
          'CX',
          'CXR',
          'CY',
          'CYM',
          'CYP',
          'CZ',
          'CZE',
          'DE',
          'DEU',
          'DJ',
          'DJI',
          'DK',
          'DM',
          'DMA',
          'DNK',
          'DO',
          'DOM',
          'DZ',
          'DZA',
          'EC',
          'ECU',
          'EE',
          'EG',
          'EGY',
          'EH',
          'ER',
          'ERI',
          'ES',
          'ESH',
          'ESP',
          'EST',
          'ET',
          'ETH',
          'EU',
          'FI',
          'FIN',
          'FJ',
          'FJI',
          'FK',
          'FLK',
          'FM',
          'FO',
          'FR',
          'FRA',
          'FRO',
          'FSM',
          'GA',
          'GAB',
          'GB',
          'GBR',
          'GD',
          'GE',
          'GEO',
          'GF',
          'GG',
          'GGY',
          'GH',
          'GHA',
          'GI',
          'GIB',
          'GIN',
          'GL',
          'GLP',
          'GM',
          'GMB',
          'GN',
          'GNB',
          'GNQ',
          'GP',
          'GQ',
          'GR',
          'GRC',
          'GRD',
          'GRL',
          'GS',
          'GT',
          'GTM',
          'GU',
          'GUF',
          'GUM',
          'GUY',
          'GW',
          'GY',
          'HK',
          'HKG',
          'HM',
          'HMD',
          'HN',
          'HND',
          'HR',
          'HRV',
          'HT',
          'HTI',
          'HU',
          'HUN',
          'ID',
          'IDN',
          'IE',
          'IL',
          'IM',
          'IMN',
          'IN',
          'IND',
          'IO',
          'IOT',
          'IQ',
          'IR',
          'IRL',
          'IRN',
          'IRQ',
          'IS',
          'ISL',
          'ISR',
          'IT',
          'ITA',
          'JAM',
          'JE',
          'JEY',
          'JM',
          'JO',
          'JOR',
          'JP',
          'JPN',
          'KAZ',
          'KE',
          'KEN',
          'KG',
          'KGZ',
          'KH',
          'KHM',
          'KI',
          'KIR',
          'KM',
          'KN',
          'KNA',
          'KOR',
          'KP',
          'KR',
          'KW',
          'KWT',
          'KY',
          'KZ',
          'LA',
          'LAO',
          'LB',
          'LBN',
          'LBR',
          'LBY',
          'LC',
          'LCA',
          'LI',
          'LIE',
          'LK',
          'LKA',
          'LR',
          'LS',
          'LSO',
          'LT',
          'LTU',
          'LU',
          'LUX',
          'LV',
          'LVA',
          'LY',
          'MA',
          'MAC',
          'MAF',
          'MAR',
          'MC',
          'MCO',
          'MD',
          'MDA',
          'MDG',
          'MDV',
          'ME',
          'MEX',
          'MF',
          'MG',
          'MH',
          'MHL',
          'MK',
          'MKD',
          'ML',
          'MLI',
          'MLT',
          'MM',
          'MMR',
          'MN',
          'MNE',
          'MNG',
          'MNP',
          'MO',
          'MOZ',
          'MP',
          'MQ',
          'MR',
          'MRT',
          'MS',
          'MSR',
          'MT',
          'MTQ',
          'MU',
          'MUS',
          'MV',
          'MW',
          'MWI',
          'MX',
          'MY',
          'MYS',
          'MYT',
          'MZ',
          'NA',
          'NAM',
          'NC',
          'NCL',
          'NE',
          'NER',
          'NF',
          'NFK',
          'NG',
          'NGA',
          'NI',
          'NIC',
          'NIU',
          'NL',
          'NLD',
          'NO',
          'NOR',
          'NP',
          'NPL',
          'NR',
          'NRU',
          'NU',
          'NZ',
          'NZL',
          'OM',
          'OMN',
          'PA',
          'PAK',
          'PAN',
          'PCN',
          'PE',
          'PER',
          'PF',
          'PG',
          'PH',
          'PHL',
          'PK',
          'PL',
          'PLW',
          'PM',
          'PN',
          'PNG',
          'POL',
          'PR',
          'PRI',
          'PRK',
          'PRT',
          'PRY',
          'PS',
          'PSE',
          'PT',
          'PW',
          'PY',
          'PYF',
          'QA',
          'QAT',
          'RE',
          'REU',
          'RO',
          'ROU',
          'RS',
          'RU',
          'RUS',
          'RW',
          'RWA',
          'SA',
          'SAU',
          'SB',
          'SC',
          'SD',
          'SDN',
          'SE',
          'SEN',
          'SG',
          'SGP',
          'SGS',
          'SH',
          'SHN',
          'SI',
          'SJ',
          'SJM',
          'SK',
          'SL',
          'SLB',
          'SLE',
          'SLV',
          'SM',
          'SMR',
          'SN',
          'SO',
          'SOM',
          'SPM',
          'SR',
          'SRB',
          'ST',
          'STP',
          'SUR',
          'SV',
          'SVK',
          'SVN',
          'SWE',
          'SWZ',
          'SX',
          'SXM',
          'SY',
          'SYC',
          'SYR',
          'SZ',
          'TC',
          'TCA',
          'TCD',
          'TD',
          'TF',
          'TG',
          'TGO',
          'TH',
          'THA',
          'TJ',
          'TJK',
          'TK',
          'TKL',
          'TKM',
          'TL',
          'TLS',
          'TM',
          'TN',
          'TO',
          'TON',
          'TR',
          'TT',
          'TTO',
          'TUN',
          'TUR',
          'TUV',
          'TV',
          'TW',
          'TWN',
          'TZ',
          'TZA',
          'UA',
          'UG',
          'UGA',
          'UK',
          'UKR',
          'UM',
          'UMI',
          'URY',
          'US',
          'USA',
          'UY',
          'UZ',
          'UZB',
          'VA',
          'VAT',
          'VC',
          'VCT',
          'VE',
          'VEN',
          'VG',
          'VGB',
          'VI',
          'VIR',
          'VN',
          'VNM',
          'VU',
          'VUT',
          'WF',
          'WLF',
          'WS',
          'WSM',
          'XK',
          'XKX',
          'YE',
          'YEM',
          'YT',
          'ZA',
          'ZAF',
          'ZM',
          'ZMB',
          'ZW',
          'ZWE'
        )
        THEN UPPER(country)
      END AS country, /* country: trim, collapse_whitespace, null_tokens, country_code -> VARCHAR */
      CASE LOWER(plan)
        WHEN 'free'
        THEN 'Free'
        WHEN 'pro'
        THEN 'Pro'
        ELSE UPPER(SUBSTRING(plan, 1, 1)) || LOWER(SUBSTRING(plan, 2))
      END AS plan, /* plan: trim, collapse_whitespace, null_tokens, categorical(title) -> VARCHAR */
      CASE
        WHEN REGEXP_LIKE(lifetime_value__num, '^([0-9]{1,16}([.][0-9]+)?|[.][0-9]+)$')
        THEN CASE
          WHEN lifetime_value__neg
          THEN -CAST(lifetime_value__num AS DECIMAL(18, 2))
          ELSE CAST(lifetime_value__num AS DECIMAL(18, 2))
        END
      END AS lifetime_value, /* lifetime_value: trim, collapse_whitespace, null_tokens, money(us) -> DECIMAL(18,2) */
      CASE WHEN NOT lifetime_value__num IS NULL THEN lifetime_value__cur END AS lifetime_value_currency,
      CASE
        WHEN REGEXP_LIKE(discount__scaled, '^([0-9]{1,16}([.][0-9]+)?|[.][0-9]+)$')
        THEN CASE
          WHEN discount__neg
          THEN -CAST(discount__scaled AS DOUBLE)
          ELSE CAST(discount__scaled AS DOUBLE)
        END
      END AS discount, /* discount: trim, collapse_whitespace, null_tokens, percent(fraction) -> DOUBLE */
      CASE
        WHEN LOWER(active) IN ('yes', 'y', 'true', 't', '1', 'on', 'x')
        THEN TRUE
        WHEN LOWER(active) IN ('no', 'n', 'false', 'f', '0', 'off')
        THEN FALSE
      END AS active, /* active: trim, collapse_whitespace, null_tokens, boolean -> BOOLEAN */
      CASE
        WHEN REGEXP_LIKE(updated_at__canon, '^-?[0-9]{8,10}$')
        THEN CAST(TO_TIMESTAMP(CAST(updated_at__canon AS BIGINT)) AS TIMESTAMP)
        WHEN REGEXP_LIKE(updated_at__canon, '^-?[0-9]{12,13}$')
        THEN CAST(TO_TIMESTAMP(CAST(updated_at__canon AS BIGINT), 3) AS TIMESTAMP)
        WHEN REGEXP_LIKE(updated_at__canon, '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')
        AND REGEXP_LIKE(updated_at__clock, '^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?$')
        THEN CASE
          WHEN REGEXP_LIKE(updated_at__canon, '^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)')
          OR (
            REGEXP_LIKE(updated_at__canon, '^[0-9]{4}-02-29')
            AND NOT (
              CAST(SUBSTRING(updated_at__canon, 1, 4) AS INT) % 4 = 0
              AND (
                CAST(SUBSTRING(updated_at__canon, 1, 4) AS INT) % 100 <> 0
                OR CAST(SUBSTRING(updated_at__canon, 1, 4) AS INT) % 400 = 0
              )
            )
          )
          THEN NULL
          ELSE CAST(updated_at__canon || ' ' || updated_at__clock AS TIMESTAMP)
        END
      END AS updated_at /* updated_at: trim, collapse_whitespace, null_tokens, timestamp(day/month order per value) -> TIMESTAMP */
    FROM (
      SELECT
        customer_id,
        email,
        phone,
        phone__plus,
        phone__digits,
        phone__e164,
        signup_date,
        signup_date__colon,
        signup_date__date,
        signup_date__time,
        signup_date__neg,
        signup_date__canon,
        country,
        plan,
        lifetime_value,
        lifetime_value__num,
        lifetime_value__neg,
        lifetime_value__cur,
        discount,
        discount__num,
        discount__neg,
        discount__pct,
        discount__scaled,
        active,
        updated_at,
        updated_at__colon,
        updated_at__date,
        updated_at__time,
        updated_at__neg,
        updated_at__canon,
        updated_at__tt,
        updated_at__pm,
        updated_at__am,
        CASE
          WHEN updated_at__tt IS NULL
          THEN '00:00:00'
          WHEN REGEXP_LIKE(updated_at__tt, '^[0-9]{1,2}:[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?$')
          THEN LPAD(
            CAST(CASE
              WHEN updated_at__pm AND CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT) < 12
              THEN CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT) + 12
              WHEN updated_at__am AND CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT) = 12
              THEN 0
              ELSE CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT)
            END AS VARCHAR),
            2,
            '0'
          ) || ':' || SPLIT_PART(updated_at__tt, ':', 2) || ':' || COALESCE(NULLIF(SPLIT_PART(updated_at__tt, ':', 3), ''), '00')
        END AS updated_at__clock
      FROM (
        SELECT
          customer_id,
          email,
          phone,
          phone__plus,
          phone__digits,
          phone__e164,
          signup_date,
          signup_date__colon,
          signup_date__date,
          signup_date__time,
          signup_date__neg,
          CASE
            WHEN REGEXP_LIKE(signup_date__date, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')
            THEN SPLIT_PART(signup_date__date, '-', 1) || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 3), 2, '0')
            WHEN REGEXP_LIKE(signup_date__date, '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$')
            THEN SPLIT_PART(signup_date__date, '-', 3) || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 1), 2, '0')
            WHEN REGEXP_LIKE(signup_date__date, '^[0-9]{1,2}(st|nd|rd|th)?-[a-z]{3,9}-[0-9]{4}$')
            THEN SPLIT_PART(signup_date__date, '-', 3) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(signup_date__date, '-', 2), 1, 3)
                WHEN 'jan'
                THEN '1'
                WHEN 'feb'
                THEN '2'
                WHEN 'mar'
                THEN '3'
                WHEN 'apr'
                THEN '4'
                WHEN 'may'
                THEN '5'
                WHEN 'jun'
                THEN '6'
                WHEN 'jul'
                THEN '7'
                WHEN 'aug'
                THEN '8'
                WHEN 'sep'
                THEN '9'
                WHEN 'oct'
                THEN '10'
                WHEN 'nov'
                THEN '11'
                WHEN 'dec'
                THEN '12'
              END,
              2,
              '0'
            ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(signup_date__date, '-', 1), '[a-z]', ''), 2, '0')
            WHEN REGEXP_LIKE(signup_date__date, '^[a-z]{3,9}-[0-9]{1,2}(st|nd|rd|th)?-[0-9]{4}$')
            THEN SPLIT_PART(signup_date__date, '-', 3) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(signup_date__date, '-', 1), 1, 3)
                WHEN 'jan'
                THEN '1'
                WHEN 'feb'
                THEN '2'
                WHEN 'mar'
                THEN '3'
                WHEN 'apr'
                THEN '4'
                WHEN 'may'
                THEN '5'
                WHEN 'jun'
                THEN '6'
                WHEN 'jul'
                THEN '7'
                WHEN 'aug'
                THEN '8'
                WHEN 'sep'
                THEN '9'
                WHEN 'oct'
                THEN '10'
                WHEN 'nov'
                THEN '11'
                WHEN 'dec'
                THEN '12'
              END,
              2,
              '0'
            ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(signup_date__date, '-', 2), '[a-z]', ''), 2, '0')
            WHEN REGEXP_LIKE(signup_date__date, '^[0-9]{4}-[a-z]{3,9}-[0-9]{1,2}$')
            THEN SPLIT_PART(signup_date__date, '-', 1) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(signup_date__date, '-', 2), 1, 3)
                WHEN 'jan'
                THEN '1'
                WHEN 'feb'
                THEN '2'
                WHEN 'mar'
                THEN '3'
                WHEN 'apr'
                THEN '4'
                WHEN 'may'
                THEN '5'
                WHEN 'jun'
                THEN '6'
                WHEN 'jul'
                THEN '7'
                WHEN 'aug'
                THEN '8'
                WHEN 'sep'
                THEN '9'
                WHEN 'oct'
                THEN '10'
                WHEN 'nov'
                THEN '11'
                WHEN 'dec'
                THEN '12'
              END,
              2,
              '0'
            ) || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 3), 2, '0')
            WHEN REGEXP_LIKE(signup_date__date, '^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$')
            THEN SUBSTRING(signup_date__date, 1, 4) || '-' || LPAD(SUBSTRING(signup_date__date, 5, 2), 2, '0') || '-' || LPAD(SUBSTRING(signup_date__date, 7, 2), 2, '0')
            WHEN REGEXP_LIKE(signup_date__date, '^[0-9]{8,10}$|^[0-9]{12,13}$')
            THEN CASE WHEN signup_date__neg THEN '-' || signup_date__date ELSE signup_date__date END
          END AS signup_date__canon,
          country,
          plan,
          lifetime_value,
          lifetime_value__num,
          lifetime_value__neg,
          lifetime_value__cur,
          discount,
          discount__num,
          discount__neg,
          discount__pct,
          discount__scaled,
          active,
          updated_at,
          updated_at__colon,
          updated_at__date,
          updated_at__time,
          updated_at__neg,
          CASE
            WHEN REGEXP_LIKE(updated_at__date, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')
            THEN SPLIT_PART(updated_at__date, '-', 1) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 3), 2, '0')
            WHEN REGEXP_LIKE(updated_at__date, '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$')
            THEN CASE
              WHEN CAST(SPLIT_PART(updated_at__date, '-', 1) AS INT) > 12
              THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 1), 2, '0')
              WHEN CAST(SPLIT_PART(updated_at__date, '-', 2) AS INT) > 12
              THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 1), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0')
              WHEN CAST(SPLIT_PART(updated_at__date, '-', 1) AS INT) = CAST(SPLIT_PART(updated_at__date, '-', 2) AS INT)
              THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 1), 2, '0')
            END
            WHEN REGEXP_LIKE(updated_at__date, '^[0-9]{1,2}(st|nd|rd|th)?-[a-z]{3,9}-[0-9]{4}$')
            THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(updated_at__date, '-', 2), 1, 3)
                WHEN 'jan'
                THEN '1'
                WHEN 'feb'
                THEN '2'
                WHEN 'mar'
                THEN '3'
                WHEN 'apr'
                THEN '4'
                WHEN 'may'
                THEN '5'
                WHEN 'jun'
                THEN '6'
                WHEN 'jul'
                THEN '7'
                WHEN 'aug'
                THEN '8'
                WHEN 'sep'
                THEN '9'
                WHEN 'oct'
                THEN '10'
                WHEN 'nov'
                THEN '11'
                WHEN 'dec'
                THEN '12'
              END,
              2,
              '0'
            ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(updated_at__date, '-', 1), '[a-z]', ''), 2, '0')
            WHEN REGEXP_LIKE(updated_at__date, '^[a-z]{3,9}-[0-9]{1,2}(st|nd|rd|th)?-[0-9]{4}$')
            THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(updated_at__date, '-', 1), 1, 3)
                WHEN 'jan'
                THEN '1'
                WHEN 'feb'
                THEN '2'
                WHEN 'mar'
                THEN '3'
                WHEN 'apr'
                THEN '4'
                WHEN 'may'
                THEN '5'
                WHEN 'jun'
                THEN '6'
                WHEN 'jul'
                THEN '7'
                WHEN 'aug'
                THEN '8'
                WHEN 'sep'
                THEN '9'
                WHEN 'oct'
                THEN '10'
                WHEN 'nov'
                THEN '11'
                WHEN 'dec'
                THEN '12'
              END,
              2,
              '0'
            ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(updated_at__date, '-', 2), '[a-z]', ''), 2, '0')
            WHEN REGEXP_LIKE(updated_at__date, '^[0-9]{4}-[a-z]{3,9}-[0-9]{1,2}$')
            THEN SPLIT_PART(updated_at__date, '-', 1) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(updated_at__date, '-', 2), 1, 3)
                WHEN 'jan'
                THEN '1'
                WHEN 'feb'
                THEN '2'
                WHEN 'mar'
                THEN '3'
                WHEN 'apr'
                THEN '4'
                WHEN 'may'
                THEN '5'
                WHEN 'jun'
                THEN '6'
                WHEN 'jul'
                THEN '7'
                WHEN 'aug'
                THEN '8'
                WHEN 'sep'
                THEN '9'
                WHEN 'oct'
                THEN '10'
                WHEN 'nov'
                THEN '11'
                WHEN 'dec'
                THEN '12'
              END,
              2,
              '0'
            ) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 3), 2, '0')
            WHEN REGEXP_LIKE(updated_at__date, '^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$')
            THEN SUBSTRING(updated_at__date, 1, 4) || '-' || LPAD(SUBSTRING(updated_at__date, 5, 2), 2, '0') || '-' || LPAD(SUBSTRING(updated_at__date, 7, 2), 2, '0')
            WHEN REGEXP_LIKE(updated_at__date, '^[0-9]{8,10}$|^[0-9]{12,13}$')
            THEN CASE WHEN updated_at__neg THEN '-' || updated_at__date ELSE updated_at__date END
          END AS updated_at__canon,
          REGEXP_REPLACE(updated_at__time, '[ z]|am|pm', '') AS updated_at__tt,
          updated_at__time LIKE '%pm%' AS updated_at__pm,
          updated_at__time LIKE '%am%' AS updated_at__am
        FROM (
          SELECT
            customer_id,
            email,
            phone,
            phone__plus,
            phone__digits,
            CASE
              WHEN phone__plus AND phone__digits LIKE '00%'
              THEN '+' || SUBSTRING(phone__digits, 3)
              WHEN phone__plus
              THEN '+' || phone__digits
              WHEN LENGTH(phone__digits) = 10
              THEN '+1' || phone__digits
              WHEN phone__digits LIKE '1%' AND LENGTH(phone__digits) = 11
              THEN '+' || phone__digits
              WHEN phone__digits LIKE '0%'
              THEN '+1' || SUBSTRING(phone__digits, 2)
            END AS phone__e164,
            signup_date,
            signup_date__colon,
            REGEXP_REPLACE(
              REGEXP_REPLACE(
                CASE
                  WHEN signup_date__colon > 1
                  THEN SUBSTRING(
                    signup_date,
                    1,
                    CASE
                      WHEN signup_date__colon > 2
                      AND REGEXP_LIKE(SUBSTRING(signup_date, signup_date__colon - 2, 1), '^[0-9]$')
                      THEN signup_date__colon - 2
                      ELSE signup_date__colon - 1
                    END - 1
                  )
                  ELSE signup_date
                END,
                '[^a-z0-9]+',
                '-'
              ),
              '^-+|-+$|t$|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-+',
              ''
            ) AS signup_date__date,
            CASE
              WHEN signup_date__colon > 1
              THEN SUBSTRING(
                signup_date,
                CASE
                  WHEN signup_date__colon > 2
                  AND REGEXP_LIKE(SUBSTRING(signup_date, signup_date__colon - 2, 1), '^[0-9]$')
                  THEN signup_date__colon - 2
                  ELSE signup_date__colon - 1
                END
              )
            END AS signup_date__time,
            signup_date LIKE '-%' AS signup_date__neg,
            country,
            plan,
            lifetime_value,
            lifetime_value__num,
            lifetime_value__neg,
            lifetime_value__cur,
            discount,
            discount__num,
            discount__neg,
            discount__pct,
            CASE
              WHEN discount__pct
              THEN COALESCE(
                NULLIF(
                  SUBSTRING(
                    '00' || SPLIT_PART(discount__num, '.', 1),
                    1,
                    LENGTH('00' || SPLIT_PART(discount__num, '.', 1)) - 2
                  ),
                  ''
                ),
                '0'
              ) || '.' || SUBSTRING(
                '00' || SPLIT_PART(discount__num, '.', 1),
                LENGTH('00' || SPLIT_PART(discount__num, '.', 1)) - 2 + 1
              ) || SPLIT_PART(discount__num, '.', 2) || '0'
              ELSE discount__num
            END AS discount__scaled,
            active,
            updated_at,
            updated_at__colon,
            REGEXP_REPLACE(
              REGEXP_REPLACE(
                CASE
                  WHEN updated_at__colon > 1
                  THEN SUBSTRING(
                    updated_at,
                    1,
                    CASE
                      WHEN updated_at__colon > 2
                      AND REGEXP_LIKE(SUBSTRING(updated_at, updated_at__colon - 2, 1), '^[0-9]$')
                      THEN updated_at__colon - 2
                      ELSE updated_at__colon - 1
                    END - 1
                  )
                  ELSE updated_at
                END,
                '[^a-z0-9]+',
                '-'
              ),
              '^-+|-+$|t$|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-+',
              ''
            ) AS updated_at__date,
            CASE
              WHEN updated_at__colon > 1
              THEN SUBSTRING(
                updated_at,
                CASE
                  WHEN updated_at__colon > 2
                  AND REGEXP_LIKE(SUBSTRING(updated_at, updated_at__colon - 2, 1), '^[0-9]$')
                  THEN updated_at__colon - 2
                  ELSE updated_at__colon - 1
                END
              )
            END AS updated_at__time,
            updated_at LIKE '-%' AS updated_at__neg
          FROM (
            SELECT
              customer_id,
              CASE
                WHEN LOWER(email) LIKE 'mailto:%'
                THEN SUBSTRING(LOWER(email), 8)
                ELSE LOWER(email)
              END AS email,
              phone,
              phone LIKE '+%' OR phone LIKE '00%' AS phone__plus,
              REGEXP_REPLACE(SPLIT_PART(LOWER(REPLACE(phone, '(0)', '')), 'x', 1), '[^0-9]', '') AS phone__digits,
              LOWER(signup_date) AS signup_date,
              CHARINDEX(':', LOWER(signup_date)) AS signup_date__colon,
              country,
              plan,
              lifetime_value,
              CASE
                WHEN REGEXP_LIKE(
                  REGEXP_REPLACE(
                    UPPER(lifetime_value),
                    'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                    ''
                  ),
                  '^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$|^[0-9]*([.][0-9]+)?$'
                )
                THEN REPLACE(
                  REGEXP_REPLACE(
                    UPPER(lifetime_value),
                    'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                    ''
                  ),
                  ',',
                  ''
                )
                WHEN REGEXP_LIKE(
                  REGEXP_REPLACE(
                    UPPER(lifetime_value),
                    'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                    ''
                  ),
                  '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$|^[0-9]*(,[0-9]+)?$'
                )
                THEN REPLACE(
                  REPLACE(
                    REGEXP_REPLACE(
                      UPPER(lifetime_value),
                      'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                      ''
                    ),
                    '.',
                    ''
                  ),
                  ',',
                  '.'
                )
              END AS lifetime_value__num,
              UPPER(lifetime_value) LIKE '(%)' OR UPPER(lifetime_value) LIKE '%-%' AS lifetime_value__neg,
              CASE
                WHEN REGEXP_LIKE(UPPER(lifetime_value), '[^0-9.,() +-]')
                THEN CASE
                  WHEN UPPER(lifetime_value) LIKE '%US$%'
                  THEN 'USD'
                  WHEN UPPER(lifetime_value) LIKE '%C$%'
                  THEN 'CAD'
                  WHEN UPPER(lifetime_value) LIKE '%CA$%'
                  THEN 'CAD'
                  WHEN UPPER(lifetime_value) LIKE '%A$%'
                  THEN 'AUD'
                  WHEN UPPER(lifetime_value) LIKE '%AU$%'
                  THEN 'AUD'
                  WHEN UPPER(lifetime_value) LIKE '%NZ$%'
                  THEN 'NZD'
                  WHEN UPPER(lifetime_value) LIKE '%HK$%'
                  THEN 'HKD'
                  WHEN UPPER(lifetime_value) LIKE '%S$%'
                  THEN 'SGD'
                  WHEN UPPER(lifetime_value) LIKE '%R$%'
                  THEN 'BRL'
                  WHEN UPPER(lifetime_value) LIKE '%$%'
                  THEN 'USD'
                  WHEN UPPER(lifetime_value) LIKE '%€%'
                  THEN 'EUR'
                  WHEN UPPER(lifetime_value) LIKE '%£%'
                  THEN 'GBP'
                  WHEN UPPER(lifetime_value) LIKE '%¥%'
                  THEN 'JPY'
                  WHEN UPPER(lifetime_value) LIKE '%₹%'
                  THEN 'INR'
                  WHEN UPPER(lifetime_value) LIKE '%₩%'
                  THEN 'KRW'
                  WHEN UPPER(lifetime_value) LIKE '%₽%'
                  THEN 'RUB'
                  WHEN UPPER(lifetime_value) LIKE '%CHF%'
                  THEN 'CHF'
                  WHEN UPPER(lifetime_value) LIKE '%USD%'
                  THEN 'USD'
                  WHEN UPPER(lifetime_value) LIKE '%EUR%'
                  THEN 'EUR'
                  WHEN UPPER(lifetime_value) LIKE '%GBP%'
                  THEN 'GBP'
                  WHEN UPPER(lifetime_value) LIKE '%JPY%'
                  THEN 'JPY'
                  WHEN UPPER(lifetime_value) LIKE '%CAD%'
                  THEN 'CAD'
                  WHEN UPPER(lifetime_value) LIKE '%AUD%'
                  THEN 'AUD'
                  WHEN UPPER(lifetime_value) LIKE '%NZD%'
                  THEN 'NZD'
                  WHEN UPPER(lifetime_value) LIKE '%CNY%'
                  THEN 'CNY'
                  WHEN UPPER(lifetime_value) LIKE '%INR%'
                  THEN 'INR'
                  WHEN UPPER(lifetime_value) LIKE '%SEK%'
                  THEN 'SEK'
                  WHEN UPPER(lifetime_value) LIKE '%NOK%'
                  THEN 'NOK'
                  WHEN UPPER(lifetime_value) LIKE '%DKK%'
                  THEN 'DKK'
                  WHEN UPPER(lifetime_value) LIKE '%PLN%'
                  THEN 'PLN'
                  WHEN UPPER(lifetime_value) LIKE '%CZK%'
                  THEN 'CZK'
                  WHEN UPPER(lifetime_value) LIKE '%HUF%'
                  THEN 'HUF'
                  WHEN UPPER(lifetime_value) LIKE '%BRL%'
                  THEN 'BRL'
                  WHEN UPPER(lifetime_value) LIKE '%MXN%'
                  THEN 'MXN'
                  WHEN UPPER(lifetime_value) LIKE '%ZAR%'
                  THEN 'ZAR'
                  WHEN UPPER(lifetime_value) LIKE '%HKD%'
                  THEN 'HKD'
                  WHEN UPPER(lifetime_value) LIKE '%SGD%'
                  THEN 'SGD'
                  WHEN UPPER(lifetime_value) LIKE '%KRW%'
                  THEN 'KRW'
                  WHEN UPPER(lifetime_value) LIKE '%RUB%'
                  THEN 'RUB'
                  WHEN UPPER(lifetime_value) LIKE '%TRY%'
                  THEN 'TRY'
                END
              END AS lifetime_value__cur,
              discount,
              CASE
                WHEN REGEXP_LIKE(
                  REGEXP_REPLACE(discount, '[-+% ]', ''),
                  '^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$|^[0-9]*([.][0-9]+)?$'
                )
                THEN REPLACE(REGEXP_REPLACE(discount, '[-+% ]', ''), ',', '')
                WHEN REGEXP_LIKE(
                  REGEXP_REPLACE(discount, '[-+% ]', ''),
                  '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$|^[0-9]*(,[0-9]+)?$'
                )
                THEN REPLACE(REPLACE(REGEXP_REPLACE(discount, '[-+% ]', ''), '.', ''), ',', '.')
              END AS discount__num,
              discount LIKE '%-%' AS discount__neg,
              CHARINDEX('%', discount) > 0 AS discount__pct,
              active,
              LOWER(updated_at) AS updated_at,
              CHARINDEX(':', LOWER(updated_at)) AS updated_at__colon
            FROM (
              SELECT
                customer_id,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(email, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(email, '[\\s\\xa0]+', ' '))
                END AS email,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(phone, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(phone, '[\\s\\xa0]+', ' '))
                END AS phone,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(signup_date, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(signup_date, '[\\s\\xa0]+', ' '))
                END AS signup_date,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(country, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(country, '[\\s\\xa0]+', ' '))
                END AS country,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(plan, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(plan, '[\\s\\xa0]+', ' '))
                END AS plan,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(lifetime_value, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(lifetime_value, '[\\s\\xa0]+', ' '))
                END AS lifetime_value,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(discount, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(discount, '[\\s\\xa0]+', ' '))
                END AS discount,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(active, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(active, '[\\s\\xa0]+', ' '))
                END AS active,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(updated_at, '[\\s\\xa0]+', ' '))) IN (
                    '',
                    'n/a',
                    'na',
                    'n.a.',
                    '#n/a',
                    'null',
                    'none',
                    'nil',
                    'nan',
                    '-',
                    '--',
                    '?',
                    '.',
                    'missing',
                    '(null)',
                    '(blank)',
                    'undefined'
                  )
                  THEN NULL
                  ELSE TRIM(REGEXP_REPLACE(updated_at, '[\\s\\xa0]+', ' '))
                END AS updated_at
              FROM raw_customers
            ) AS _stage0
          ) AS _stage1
        ) AS _stage2
      ) AS _stage3
    ) AS _stage4
  ) AS _deduped
) AS _numbered
WHERE
  _dedupe_row = 1
