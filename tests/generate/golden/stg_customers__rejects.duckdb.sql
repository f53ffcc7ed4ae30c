WITH _cleansed AS (
  SELECT
    __key,
    email__raw,
    CASE
      WHEN REGEXP_MATCHES(email, '^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$')
      THEN email
    END AS email__clean,
    email__prepared,
    phone__raw,
    CASE WHEN REGEXP_MATCHES(phone__e164, '^[+][1-9][0-9]{7,14}$') THEN phone__e164 END AS phone__clean,
    phone__prepared,
    signup_date__raw,
    CASE
      WHEN REGEXP_MATCHES(signup_date__canon, '^-?[0-9]{8,10}$')
      THEN CAST(TO_TIMESTAMP(CAST(signup_date__canon AS BIGINT)) AS DATE)
      WHEN REGEXP_MATCHES(signup_date__canon, '^-?[0-9]{12,13}$')
      THEN CAST(EPOCH_MS(CAST(signup_date__canon AS BIGINT)) AS DATE)
      WHEN REGEXP_MATCHES(signup_date__canon, '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')
      THEN CASE
        WHEN REGEXP_MATCHES(signup_date__canon, '^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)')
        OR (
          REGEXP_MATCHES(signup_date__canon, '^[0-9]{4}-02-29')
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
    END AS signup_date__clean,
    signup_date__prepared,
    country__raw,
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
    END AS country__clean,
    country__prepared,
    lifetime_value__raw,
    CASE
      WHEN REGEXP_MATCHES(lifetime_value__num, '^([0-9]{1,16}([.][0-9]+)?|[.][0-9]+)$')
      THEN CASE
        WHEN lifetime_value__neg
        THEN -CAST(lifetime_value__num AS DECIMAL(18, 2))
        ELSE CAST(lifetime_value__num AS DECIMAL(18, 2))
      END
    END AS lifetime_value__clean,
    lifetime_value__prepared,
    discount__raw,
    CASE
      WHEN REGEXP_MATCHES(discount__scaled, '^([0-9]{1,16}([.][0-9]+)?|[.][0-9]+)$')
      THEN CASE
        WHEN discount__neg
        THEN -CAST(discount__scaled AS DOUBLE)
        ELSE CAST(discount__scaled AS DOUBLE)
      END
    END AS discount__clean,
    discount__prepared,
    active__raw,
    CASE
      WHEN LOWER(active) IN ('yes', 'y', 'true', 't', '1', 'on', 'x')
      THEN TRUE
      WHEN LOWER(active) IN ('no', 'n', 'false', 'f', '0', 'off')
      THEN FALSE
    END AS active__clean,
    active__prepared,
    updated_at__raw,
    CASE
      WHEN REGEXP_MATCHES(updated_at__canon, '^-?[0-9]{8,10}$')
      THEN CAST(TO_TIMESTAMP(CAST(updated_at__canon AS BIGINT)) AS TIMESTAMP)
      WHEN REGEXP_MATCHES(updated_at__canon, '^-?[0-9]{12,13}$')
      THEN CAST(EPOCH_MS(CAST(updated_at__canon AS BIGINT)) AS TIMESTAMP)
      WHEN REGEXP_MATCHES(updated_at__canon, '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')
      AND REGEXP_MATCHES(updated_at__clock, '^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?$')
      THEN CASE
        WHEN REGEXP_MATCHES(updated_at__canon, '^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)')
        OR (
          REGEXP_MATCHES(updated_at__canon, '^[0-9]{4}-02-29')
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
    END AS updated_at__clean,
    updated_at__prepared
  FROM (
    SELECT
      __key,
      email,
      email__raw,
      email__prepared,
      phone,
      phone__raw,
      phone__prepared,
      phone__plus,
      phone__digits,
      phone__e164,
      signup_date,
      signup_date__raw,
      signup_date__prepared,
      signup_date__colon,
      signup_date__date,
      signup_date__time,
      signup_date__neg,
      signup_date__canon,
      country,
      country__raw,
      country__prepared,
      lifetime_value,
      lifetime_value__raw,
      lifetime_value__prepared,
      lifetime_value__num,
      lifetime_value__neg,
      lifetime_value__cur,
      discount,
      discount__raw,
      discount__prepared,
      discount__num,
      discount__neg,
      discount__pct,
      discount__scaled,
      active,
      active__raw,
      active__prepared,
      updated_at,
      updated_at__raw,
      updated_at__prepared,
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
        WHEN REGEXP_MATCHES(updated_at__tt, '^[0-9]{1,2}:[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?$')
        THEN LPAD(
          CAST(CASE
            WHEN updated_at__pm AND CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT) < 12
            THEN CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT) + 12
            WHEN updated_at__am AND CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT) = 12
            THEN 0
            ELSE CAST(SPLIT_PART(updated_at__tt, ':', 1) AS INT)
          END AS TEXT),
          2,
          '0'
        ) || ':' || SPLIT_PART(updated_at__tt, ':', 2) || ':' || COALESCE(NULLIF(SPLIT_PART(updated_at__tt, ':', 3), ''), '00')
      END AS updated_at__clock
    FROM (
      SELECT
        __key,
        email,
        email__raw,
        email__prepared,
        phone,
        phone__raw,
        phone__prepared,
        phone__plus,
        phone__digits,
        phone__e164,
        signup_date,
        signup_date__raw,
        signup_date__prepared,
        signup_date__colon,
        signup_date__date,
        signup_date__time,
        signup_date__neg,
        CASE
          WHEN REGEXP_MATCHES(signup_date__date, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')
          THEN SPLIT_PART(signup_date__date, '-', 1) || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 3), 2, '0')
          WHEN REGEXP_MATCHES(signup_date__date, '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$')
          THEN SPLIT_PART(signup_date__date, '-', 3) || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(signup_date__date, '-', 1), 2, '0')
          WHEN REGEXP_MATCHES(signup_date__date, '^[0-9]{1,2}(st|nd|rd|th)?-[a-z]{3,9}-[0-9]{4}$')
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
          ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(signup_date__date, '-', 1), '[a-z]', '', 'g'), 2, '0')
          WHEN REGEXP_MATCHES(signup_date__date, '^[a-z]{3,9}-[0-9]{1,2}(st|nd|rd|th)?-[0-9]{4}$')
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
          ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(signup_date__date, '-', 2), '[a-z]', '', 'g'), 2, '0')
          WHEN REGEXP_MATCHES(signup_date__date, '^[0-9]{4}-[a-z]{3,9}-[0-9]{1,2}$')
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
          WHEN REGEXP_MATCHES(signup_date__date, '^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$')
          THEN SUBSTRING(signup_date__date, 1, 4) || '-' || LPAD(SUBSTRING(signup_date__date, 5, 2), 2, '0') || '-' || LPAD(SUBSTRING(signup_date__date, 7, 2), 2, '0')
          WHEN REGEXP_MATCHES(signup_date__date, '^[0-9]{8,10}$|^[0-9]{12,13}$')
          THEN CASE WHEN signup_date__neg THEN '-' || signup_date__date ELSE signup_date__date END
        END AS signup_date__canon,
        country,
        country__raw,
        country__prepared,
        lifetime_value,
        lifetime_value__raw,
        lifetime_value__prepared,
        lifetime_value__num,
        lifetime_value__neg,
        lifetime_value__cur,
        discount,
        discount__raw,
        discount__prepared,
        discount__num,
        discount__neg,
        discount__pct,
        discount__scaled,
        active,
        active__raw,
        active__prepared,
        updated_at,
        updated_at__raw,
        updated_at__prepared,
        updated_at__colon,
        updated_at__date,
        updated_at__time,
        updated_at__neg,
        CASE
          WHEN REGEXP_MATCHES(updated_at__date, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')
          THEN SPLIT_PART(updated_at__date, '-', 1) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 3), 2, '0')
          WHEN REGEXP_MATCHES(updated_at__date, '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$')
          THEN CASE
            WHEN CAST(SPLIT_PART(updated_at__date, '-', 1) AS INT) > 12
            THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 1), 2, '0')
            WHEN CAST(SPLIT_PART(updated_at__date, '-', 2) AS INT) > 12
            THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 1), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0')
            WHEN CAST(SPLIT_PART(updated_at__date, '-', 1) AS INT) = CAST(SPLIT_PART(updated_at__date, '-', 2) AS INT)
            THEN SPLIT_PART(updated_at__date, '-', 3) || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(updated_at__date, '-', 1), 2, '0')
          END
          WHEN REGEXP_MATCHES(updated_at__date, '^[0-9]{1,2}(st|nd|rd|th)?-[a-z]{3,9}-[0-9]{4}$')
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
          ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(updated_at__date, '-', 1), '[a-z]', '', 'g'), 2, '0')
          WHEN REGEXP_MATCHES(updated_at__date, '^[a-z]{3,9}-[0-9]{1,2}(st|nd|rd|th)?-[0-9]{4}$')
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
          ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(updated_at__date, '-', 2), '[a-z]', '', 'g'), 2, '0')
          WHEN REGEXP_MATCHES(updated_at__date, '^[0-9]{4}-[a-z]{3,9}-[0-9]{1,2}$')
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
          WHEN REGEXP_MATCHES(updated_at__date, '^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$')
          THEN SUBSTRING(updated_at__date, 1, 4) || '-' || LPAD(SUBSTRING(updated_at__date, 5, 2), 2, '0') || '-' || LPAD(SUBSTRING(updated_at__date, 7, 2), 2, '0')
          WHEN REGEXP_MATCHES(updated_at__date, '^[0-9]{8,10}$|^[0-9]{12,13}$')
          THEN CASE WHEN updated_at__neg THEN '-' || updated_at__date ELSE updated_at__date END
        END AS updated_at__canon,
        REGEXP_REPLACE(updated_at__time, '[ z]|am|pm', '', 'g') AS updated_at__tt,
        updated_at__time LIKE '%pm%' AS updated_at__pm,
        updated_at__time LIKE '%am%' AS updated_at__am
      FROM (
        SELECT
          __key,
          email,
          email__raw,
          email__prepared,
          phone,
          phone__raw,
          phone__prepared,
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
          signup_date__raw,
          signup_date__prepared,
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
                    AND REGEXP_MATCHES(SUBSTRING(signup_date, signup_date__colon - 2, 1), '^[0-9]$')
                    THEN signup_date__colon - 2
                    ELSE signup_date__colon - 1
                  END - 1
                )
                ELSE signup_date
              END,
              '[^a-z0-9]+',
              '-',
              'g'
            ),
            '^-+|-+$|t$|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-+',
            '',
            'g'
          ) AS signup_date__date,
          CASE
            WHEN signup_date__colon > 1
            THEN SUBSTRING(
              signup_date,
              CASE
                WHEN signup_date__colon > 2
                AND REGEXP_MATCHES(SUBSTRING(signup_date, signup_date__colon - 2, 1), '^[0-9]$')
                THEN signup_date__colon - 2
                ELSE signup_date__colon - 1
              END
            )
          END AS signup_date__time,
          signup_date LIKE '-%' AS signup_date__neg,
          country,
          country__raw,
          country__prepared,
          lifetime_value,
          lifetime_value__raw,
          lifetime_value__prepared,
          lifetime_value__num,
          lifetime_value__neg,
          lifetime_value__cur,
          discount,
          discount__raw,
          discount__prepared,
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
          active__raw,
          active__prepared,
          updated_at,
          updated_at__raw,
          updated_at__prepared,
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
                    AND REGEXP_MATCHES(SUBSTRING(updated_at, updated_at__colon - 2, 1), '^[0-9]$')
                    THEN updated_at__colon - 2
                    ELSE updated_at__colon - 1
                  END - 1
                )
                ELSE updated_at
              END,
              '[^a-z0-9]+',
              '-',
              'g'
            ),
            '^-+|-+$|t$|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-+',
            '',
            'g'
          ) AS updated_at__date,
          CASE
            WHEN updated_at__colon > 1
            THEN SUBSTRING(
              updated_at,
              CASE
                WHEN updated_at__colon > 2
                AND REGEXP_MATCHES(SUBSTRING(updated_at, updated_at__colon - 2, 1), '^[0-9]$')
                THEN updated_at__colon - 2
                ELSE updated_at__colon - 1
              END
            )
          END AS updated_at__time,
          updated_at LIKE '-%' AS updated_at__neg
        FROM (
          SELECT
            __key,
            CASE
              WHEN LOWER(email) LIKE 'mailto:%'
              THEN SUBSTRING(LOWER(email), 8)
              ELSE LOWER(email)
            END AS email,
            email__raw,
            email__prepared,
            phone,
            phone__raw,
            phone__prepared,
            phone LIKE '+%' OR phone LIKE '00%' AS phone__plus,
            REGEXP_REPLACE(SPLIT_PART(LOWER(REPLACE(phone, '(0)', '')), 'x', 1), '[^0-9]', '', 'g') AS phone__digits,
            LOWER(signup_date) AS signup_date,
            signup_date__raw,
            signup_date__prepared,
            STRPOS(LOWER(signup_date), ':') AS signup_date__colon,
            country,
            country__raw,
            country__prepared,
            lifetime_value,
            lifetime_value__raw,
            lifetime_value__prepared,
            CASE
              WHEN REGEXP_MATCHES(
                REGEXP_REPLACE(
                  UPPER(lifetime_value),
                  'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                  '',
                  'g'
                ),
                '^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$|^[0-9]*([.][0-9]+)?$'
              )
              THEN REPLACE(
                REGEXP_REPLACE(
                  UPPER(lifetime_value),
                  'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                  '',
                  'g'
                ),
                ',',
                ''
              )
              WHEN REGEXP_MATCHES(
                REGEXP_REPLACE(
                  UPPER(lifetime_value),
                  'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                  '',
                  'g'
                ),
                '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$|^[0-9]*(,[0-9]+)?$'
              )
              THEN REPLACE(
                REPLACE(
                  REGEXP_REPLACE(
                    UPPER(lifetime_value),
                    'US[$]|C[$]|CA[$]|A[$]|AU[$]|NZ[$]|HK[$]|S[$]|R[$]|[$]|€|£|¥|₹|₩|₽|CHF|USD|EUR|GBP|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|HKD|SGD|KRW|RUB|TRY|[-+() ]',
                    '',
                    'g'
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
              WHEN REGEXP_MATCHES(UPPER(lifetime_value), '[^0-9.,() +-]')
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
            discount__raw,
            discount__prepared,
            CASE
              WHEN REGEXP_MATCHES(
                REGEXP_REPLACE(discount, '[-+% ]', '', 'g'),
                '^[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$|^[0-9]*([.][0-9]+)?$'
              )
              THEN REPLACE(REGEXP_REPLACE(discount, '[-+% ]', '', 'g'), ',', '')
              WHEN REGEXP_MATCHES(
                REGEXP_REPLACE(discount, '[-+% ]', '', 'g'),
                '^[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?$|^[0-9]*(,[0-9]+)?$'
              )
              THEN REPLACE(REPLACE(REGEXP_REPLACE(discount, '[-+% ]', '', 'g'), '.', ''), ',', '.')
            END AS discount__num,
            discount LIKE '%-%' AS discount__neg,
            STRPOS(discount, '%') > 0 AS discount__pct,
            active,
            active__raw,
            active__prepared,
            LOWER(updated_at) AS updated_at,
            updated_at__raw,
            updated_at__prepared,
            STRPOS(LOWER(updated_at), ':') AS updated_at__colon
          FROM (
            SELECT
              CAST(customer_id AS TEXT) AS __key,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(email, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(email, '[\s\xa0]+', ' ', 'g'))
              END AS email,
              CAST(email AS TEXT) AS email__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(email, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(email, '[\s\xa0]+', ' ', 'g'))
              END AS email__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(phone, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(phone, '[\s\xa0]+', ' ', 'g'))
              END AS phone,
              CAST(phone AS TEXT) AS phone__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(phone, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(phone, '[\s\xa0]+', ' ', 'g'))
              END AS phone__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(signup_date, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(signup_date, '[\s\xa0]+', ' ', 'g'))
              END AS signup_date,
              CAST(signup_date AS TEXT) AS signup_date__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(signup_date, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(signup_date, '[\s\xa0]+', ' ', 'g'))
              END AS signup_date__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(country, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(country, '[\s\xa0]+', ' ', 'g'))
              END AS country,
              CAST(country AS TEXT) AS country__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(country, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(country, '[\s\xa0]+', ' ', 'g'))
              END AS country__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(lifetime_value, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(lifetime_value, '[\s\xa0]+', ' ', 'g'))
              END AS lifetime_value,
              CAST(lifetime_value AS TEXT) AS lifetime_value__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(lifetime_value, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(lifetime_value, '[\s\xa0]+', ' ', 'g'))
              END AS lifetime_value__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(discount, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(discount, '[\s\xa0]+', ' ', 'g'))
              END AS discount,
              CAST(discount AS TEXT) AS discount__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(discount, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(discount, '[\s\xa0]+', ' ', 'g'))
              END AS discount__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(active, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(active, '[\s\xa0]+', ' ', 'g'))
              END AS active,
              CAST(active AS TEXT) AS active__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(active, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(active, '[\s\xa0]+', ' ', 'g'))
              END AS active__prepared,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(updated_at, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(updated_at, '[\s\xa0]+', ' ', 'g'))
              END AS updated_at,
              CAST(updated_at AS TEXT) AS updated_at__raw,
              CASE
                WHEN LOWER(TRIM(REGEXP_REPLACE(updated_at, '[\s\xa0]+', ' ', 'g'))) IN (
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
                ELSE TRIM(REGEXP_REPLACE(updated_at, '[\s\xa0]+', ' ', 'g'))
              END AS updated_at__prepared
            FROM raw_customers
          ) AS _stage0
        ) AS _stage1
      ) AS _stage2
    ) AS _stage3
  ) AS _stage4
)
SELECT
  model,
  key,
  column_name,
  raw_value,
  rule,
  reason
FROM (
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'email' AS column_name,
    email__raw AS raw_value,
    'email' AS rule,
    'not a valid e-mail address' AS reason
  FROM _cleansed
  WHERE
    NOT email__prepared IS NULL AND email__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'phone' AS column_name,
    phone__raw AS raw_value,
    'phone(+1)' AS rule,
    'not a phone number (or no country code)' AS reason
  FROM _cleansed
  WHERE
    NOT phone__prepared IS NULL AND phone__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'signup_date' AS column_name,
    signup_date__raw AS raw_value,
    'date(day first)' AS rule,
    'not a recognised date' AS reason
  FROM _cleansed
  WHERE
    NOT signup_date__prepared IS NULL AND signup_date__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'country' AS column_name,
    country__raw AS raw_value,
    'country_code' AS rule,
    'not an ISO 3166 country code' AS reason
  FROM _cleansed
  WHERE
    NOT country__prepared IS NULL AND country__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'lifetime_value' AS column_name,
    lifetime_value__raw AS raw_value,
    'money(us)' AS rule,
    'not an amount of money' AS reason
  FROM _cleansed
  WHERE
    NOT lifetime_value__prepared IS NULL AND lifetime_value__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'discount' AS column_name,
    discount__raw AS raw_value,
    'percent(fraction)' AS rule,
    'not a percentage' AS reason
  FROM _cleansed
  WHERE
    NOT discount__prepared IS NULL AND discount__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'active' AS column_name,
    active__raw AS raw_value,
    'boolean' AS rule,
    'not a yes/no value' AS reason
  FROM _cleansed
  WHERE
    NOT active__prepared IS NULL AND active__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    __key AS key,
    'updated_at' AS column_name,
    updated_at__raw AS raw_value,
    'timestamp(day/month order per value)' AS rule,
    'not a recognised date, or day/month order ambiguous (set day_first)' AS reason
  FROM _cleansed
  WHERE
    NOT updated_at__prepared IS NULL AND updated_at__clean IS NULL
) AS _rejects
