-- id: no cleansing -> BIGINT
-- first_name: trim, collapse_whitespace, null_tokens, spelling -> VARCHAR
-- last_name: trim, collapse_whitespace, null_tokens, spelling -> VARCHAR
-- email: trim, collapse_whitespace, null_tokens, email -> VARCHAR
-- phone: trim, collapse_whitespace, null_tokens, phone(+row's country, else +1) -> VARCHAR
-- signup_date: trim, collapse_whitespace, null_tokens, date(month first) -> DATE
-- country: trim, collapse_whitespace, null_tokens, country_code -> VARCHAR
-- city: trim, collapse_whitespace, null_tokens -> VARCHAR
-- marketing_opt_in: trim, collapse_whitespace, null_tokens, boolean -> BOOLEAN
-- updated_at: no cleansing -> TIMESTAMP
-- export_batch: trim, collapse_whitespace, null_tokens, categorical(lower) -> VARCHAR
-- dedupe: {'key': ['customer_id'], 'keep': 'latest', 'order_by': 'updated_at'}
SELECT
  _numbered.customer_id AS customer_id,
  _numbered.first_name AS first_name,
  _numbered.last_name AS last_name,
  _numbered.email AS email,
  _numbered.phone AS phone,
  _numbered.signup_date AS signup_date,
  _numbered.country AS country,
  _numbered.city AS city,
  _numbered.marketing_opt_in AS marketing_opt_in,
  _numbered.updated_at AS updated_at,
  _numbered.full_name AS full_name
FROM (
  SELECT
    _deduped.customer_id AS customer_id,
    _deduped.first_name AS first_name,
    _deduped.last_name AS last_name,
    _deduped.email AS email,
    _deduped.phone AS phone,
    _deduped.signup_date AS signup_date,
    _deduped.country AS country,
    _deduped.city AS city,
    _deduped.marketing_opt_in AS marketing_opt_in,
    _deduped.updated_at AS updated_at,
    _deduped.full_name AS full_name,
    ROW_NUMBER() OVER (
      PARTITION BY _deduped.customer_id
      ORDER BY _deduped.updated_at DESC NULLS LAST, _deduped.first_name, _deduped.last_name, _deduped.email, _deduped.phone, _deduped.signup_date, _deduped.country, _deduped.city, _deduped.marketing_opt_in, _deduped.full_name
    ) AS _dedupe_row
  FROM (
    SELECT
      CAST(_cleansed.id AS INT) AS customer_id,
      _cleansed.first_name AS first_name,
      _cleansed.last_name AS last_name,
      _cleansed.email AS email,
      _cleansed.phone AS phone,
      _cleansed.signup_date AS signup_date,
      _cleansed.country AS country,
      _cleansed.city AS city,
      _cleansed.marketing_opt_in AS marketing_opt_in,
      _cleansed.updated_at AS updated_at,
      _cleansed.first_name || ' ' || _cleansed.last_name AS full_name
    FROM (
      SELECT
        _stage3.id AS id, /* id: no cleansing -> BIGINT */
        _stage3.first_name AS first_name, /* first_name: trim, collapse_whitespace, null_tokens, spelling -> VARCHAR */
        _stage3.last_name AS last_name, /* last_name: trim, collapse_whitespace, null_tokens, spelling -> VARCHAR */
        CASE
          WHEN REGEXP_LIKE(_stage3.email, '^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$')
          THEN _stage3.email
        END AS email, /* email: trim, collapse_whitespace, null_tokens, email -> VARCHAR */
        CASE
          WHEN REGEXP_LIKE(_stage3.phone__e164, '^[+][1-9][0-9]{7,14}$')
          THEN _stage3.phone__e164
        END AS phone, /* phone: trim, collapse_whitespace, null_tokens, phone(+row's country, else +1) -> VARCHAR */
        CASE
          WHEN REGEXP_LIKE(_stage3.signup_date__canon, '^-?[0-9]{8,10}$')
          THEN CAST(TO_TIMESTAMP(CAST(_stage3.signup_date__canon AS BIGINT)) AS DATE)
          WHEN REGEXP_LIKE(_stage3.signup_date__canon, '^-?[0-9]{12,13}$')
          THEN CAST(TO_TIMESTAMP(CAST(_stage3.signup_date__canon AS BIGINT), 3) AS DATE)
          WHEN REGEXP_LIKE(
            _stage3.signup_date__canon,
            '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
          )
          THEN CASE
            WHEN REGEXP_LIKE(_stage3.signup_date__canon, '^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)')
            OR (
              REGEXP_LIKE(_stage3.signup_date__canon, '^[0-9]{4}-02-29')
              AND NOT (
                CAST(SUBSTRING(_stage3.signup_date__canon, 1, 4) AS INT) % 4 = 0
                AND (
                  CAST(SUBSTRING(_stage3.signup_date__canon, 1, 4) AS INT) % 100 <> 0
                  OR CAST(SUBSTRING(_stage3.signup_date__canon, 1, 4) AS INT) % 400 = 0
                )
              )
            )
            THEN NULL
            ELSE CAST(_stage3.signup_date__canon AS DATE)
          END
        END AS signup_date, /* signup_date: trim, collapse_whitespace, null_tokens, date(month first) -> DATE */
        CASE
          WHEN UPPER(_stage3.country) IN (
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
          THEN UPPER(_stage3.country)
        END AS country, /* country: trim, collapse_whitespace, null_tokens, country_code -> VARCHAR */
        _stage3.city AS city, /* city: trim, collapse_whitespace, null_tokens -> VARCHAR */
        CASE
          WHEN LOWER(_stage3.marketing_opt_in) IN ('yes', 'y', 'true', 't', '1', 'on', 'x')
          THEN TRUE
          WHEN LOWER(_stage3.marketing_opt_in) IN ('no', 'n', 'false', 'f', '0', 'off')
          THEN FALSE
        END AS marketing_opt_in, /* marketing_opt_in: trim, collapse_whitespace, null_tokens, boolean -> BOOLEAN */
        _stage3.updated_at AS updated_at, /* updated_at: no cleansing -> TIMESTAMP */
        CASE LOWER(_stage3.export_batch)
          WHEN 'crm-01'
          THEN 'crm-01'
          WHEN 'crm-02'
          THEN 'crm-02'
          WHEN 'crm-03'
          THEN 'crm-03'
          WHEN 'crm-04'
          THEN 'crm-04'
          WHEN 'crm-05'
          THEN 'crm-05'
          WHEN 'crm-06'
          THEN 'crm-06'
          WHEN 'crm-07'
          THEN 'crm-07'
          WHEN 'crm-08'
          THEN 'crm-08'
          ELSE LOWER(_stage3.export_batch)
        END AS export_batch /* export_batch: trim, collapse_whitespace, null_tokens, categorical(lower) -> VARCHAR */
      FROM (
        SELECT
          _stage2.id AS id,
          _stage2.first_name AS first_name,
          _stage2.last_name AS last_name,
          _stage2.email AS email,
          _stage2.phone AS phone,
          _stage2.phone__plus AS phone__plus,
          _stage2.phone__digits AS phone__digits,
          _stage2.phone__cc AS phone__cc,
          _stage2.phone__e164 AS phone__e164,
          _stage2.signup_date AS signup_date,
          _stage2.signup_date__colon AS signup_date__colon,
          _stage2.signup_date__date AS signup_date__date,
          _stage2.signup_date__time AS signup_date__time,
          _stage2.signup_date__neg AS signup_date__neg,
          CASE
            WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')
            THEN SPLIT_PART(_stage2.signup_date__date, '-', 1) || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 3), 2, '0')
            WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$')
            THEN SPLIT_PART(_stage2.signup_date__date, '-', 3) || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 1), 2, '0') || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 2), 2, '0')
            WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{1,2}(st|nd|rd|th)?-[a-z]{3,9}-[0-9]{4}$')
            THEN SPLIT_PART(_stage2.signup_date__date, '-', 3) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(_stage2.signup_date__date, '-', 2), 1, 3)
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
            ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(_stage2.signup_date__date, '-', 1), '[a-z]', ''), 2, '0')
            WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[a-z]{3,9}-[0-9]{1,2}(st|nd|rd|th)?-[0-9]{4}$')
            THEN SPLIT_PART(_stage2.signup_date__date, '-', 3) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(_stage2.signup_date__date, '-', 1), 1, 3)
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
            ) || '-' || LPAD(REGEXP_REPLACE(SPLIT_PART(_stage2.signup_date__date, '-', 2), '[a-z]', ''), 2, '0')
            WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{4}-[a-z]{3,9}-[0-9]{1,2}$')
            THEN SPLIT_PART(_stage2.signup_date__date, '-', 1) || '-' || LPAD(
              CASE SUBSTRING(SPLIT_PART(_stage2.signup_date__date, '-', 2), 1, 3)
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
            ) || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 3), 2, '0')
            WHEN REGEXP_LIKE(
              _stage2.signup_date__date,
              '^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$'
            )
            THEN SUBSTRING(_stage2.signup_date__date, 1, 4) || '-' || LPAD(SUBSTRING(_stage2.signup_date__date, 5, 2), 2, '0') || '-' || LPAD(SUBSTRING(_stage2.signup_date__date, 7, 2), 2, '0')
            WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{8,10}$|^[0-9]{12,13}$')
            THEN CASE
              WHEN _stage2.signup_date__neg
              THEN '-' || _stage2.signup_date__date
              ELSE _stage2.signup_date__date
            END
          END AS signup_date__canon,
          _stage2.country AS country,
          _stage2.city AS city,
          _stage2.marketing_opt_in AS marketing_opt_in,
          _stage2.updated_at AS updated_at,
          _stage2.export_batch AS export_batch
        FROM (
          SELECT
            _stage1.id AS id,
            _stage1.first_name AS first_name,
            _stage1.last_name AS last_name,
            _stage1.email AS email,
            _stage1.phone AS phone,
            _stage1.phone__plus AS phone__plus,
            _stage1.phone__digits AS phone__digits,
            _stage1.phone__cc AS phone__cc,
            CASE
              WHEN _stage1.phone__plus AND _stage1.phone__digits LIKE '00%'
              THEN '+' || SUBSTRING(_stage1.phone__digits, 3)
              WHEN _stage1.phone__plus
              THEN '+' || _stage1.phone__digits
              WHEN NOT _stage1.phone__cc IS NULL AND _stage1.phone__digits LIKE '0%'
              THEN '+' || _stage1.phone__cc || SUBSTRING(_stage1.phone__digits, 2)
              WHEN NOT _stage1.phone__cc IS NULL
              AND (
                SUBSTRING(_stage1.phone__digits, 1, LENGTH(_stage1.phone__cc)) = _stage1.phone__cc
                AND LENGTH(_stage1.phone__digits) >= LENGTH(_stage1.phone__cc) + 8
              )
              THEN '+' || _stage1.phone__digits
              WHEN NOT _stage1.phone__cc IS NULL
              THEN '+' || _stage1.phone__cc || _stage1.phone__digits
              WHEN LENGTH(_stage1.phone__digits) = 10
              THEN '+1' || _stage1.phone__digits
              WHEN _stage1.phone__digits LIKE '1%' AND LENGTH(_stage1.phone__digits) = 11
              THEN '+' || _stage1.phone__digits
              WHEN _stage1.phone__digits LIKE '0%'
              THEN '+1' || SUBSTRING(_stage1.phone__digits, 2)
            END AS phone__e164,
            _stage1.signup_date AS signup_date,
            _stage1.signup_date__colon AS signup_date__colon,
            REGEXP_REPLACE(
              REGEXP_REPLACE(
                CASE
                  WHEN _stage1.signup_date__colon > 1
                  THEN SUBSTRING(
                    _stage1.signup_date,
                    1,
                    CASE
                      WHEN _stage1.signup_date__colon > 2
                      AND REGEXP_LIKE(SUBSTRING(_stage1.signup_date, _stage1.signup_date__colon - 2, 1), '^[0-9]$')
                      THEN _stage1.signup_date__colon - 2
                      ELSE _stage1.signup_date__colon - 1
                    END - 1
                  )
                  ELSE _stage1.signup_date
                END,
                '[^a-z0-9]+',
                '-'
              ),
              '^-+|-+$|t$|^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-+',
              ''
            ) AS signup_date__date,
            CASE
              WHEN _stage1.signup_date__colon > 1
              THEN SUBSTRING(
                _stage1.signup_date,
                CASE
                  WHEN _stage1.signup_date__colon > 2
                  AND REGEXP_LIKE(SUBSTRING(_stage1.signup_date, _stage1.signup_date__colon - 2, 1), '^[0-9]$')
                  THEN _stage1.signup_date__colon - 2
                  ELSE _stage1.signup_date__colon - 1
                END
              )
            END AS signup_date__time,
            _stage1.signup_date LIKE '-%' AS signup_date__neg,
            _stage1.country AS country,
            _stage1.city AS city,
            _stage1.marketing_opt_in AS marketing_opt_in,
            _stage1.updated_at AS updated_at,
            _stage1.export_batch AS export_batch
          FROM (
            SELECT
              _stage0.id AS id,
              _stage0.first_name AS first_name,
              _stage0.last_name AS last_name,
              CASE
                WHEN LOWER(_stage0.email) LIKE 'mailto:%'
                THEN SUBSTRING(LOWER(_stage0.email), 8)
                ELSE LOWER(_stage0.email)
              END AS email,
              _stage0.phone AS phone,
              _stage0.phone LIKE '+%' OR _stage0.phone LIKE '00%' AS phone__plus,
              REGEXP_REPLACE(SPLIT_PART(LOWER(REPLACE(_stage0.phone, '(0)', '')), 'x', 1), '[^0-9]', '') AS phone__digits,
              CASE UPPER(_stage0.country)
                WHEN 'CA'
                THEN '1'
                WHEN 'DE'
                THEN '49'
                WHEN 'ES'
                THEN '34'
                WHEN 'FR'
                THEN '33'
                WHEN 'GB'
                THEN '44'
                WHEN 'NL'
                THEN '31'
                WHEN 'US'
                THEN '1'
              END AS phone__cc,
              LOWER(_stage0.signup_date) AS signup_date,
              CHARINDEX(':', LOWER(_stage0.signup_date)) AS signup_date__colon,
              _stage0.country AS country,
              _stage0.city AS city,
              _stage0.marketing_opt_in AS marketing_opt_in,
              _stage0.updated_at AS updated_at,
              _stage0.export_batch AS export_batch
            FROM (
              SELECT
                customers.id AS id,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.first_name, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.first_name, '[\\s\\xa0]+', ' '))
                END AS first_name,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.last_name, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.last_name, '[\\s\\xa0]+', ' '))
                END AS last_name,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.email, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.email, '[\\s\\xa0]+', ' '))
                END AS email,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.phone, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.phone, '[\\s\\xa0]+', ' '))
                END AS phone,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.signup_date, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.signup_date, '[\\s\\xa0]+', ' '))
                END AS signup_date,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.country, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.country, '[\\s\\xa0]+', ' '))
                END AS country,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.city, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.city, '[\\s\\xa0]+', ' '))
                END AS city,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.marketing_opt_in, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.marketing_opt_in, '[\\s\\xa0]+', ' '))
                END AS marketing_opt_in,
                customers.updated_at AS updated_at,
                CASE
                  WHEN LOWER(TRIM(REGEXP_REPLACE(customers.export_batch, '[\\s\\xa0]+', ' '))) IN (
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
                  ELSE TRIM(REGEXP_REPLACE(customers.export_batch, '[\\s\\xa0]+', ' '))
                END AS export_batch
              FROM analytics_raw.customers AS customers
            ) AS _stage0
          ) AS _stage1
        ) AS _stage2
      ) AS _stage3
    ) AS _cleansed
    WHERE
      NOT CAST(_cleansed.id AS INT) IS NULL
  ) AS _deduped
) AS _numbered
WHERE
  _numbered._dedupe_row = 1

-- stg_customers__rejects: values no cleansing rule could parse
WITH _cleansed AS (
  SELECT
    _stage3.__key AS __key,
    _stage3.email__raw AS email__raw,
    CASE
      WHEN REGEXP_LIKE(_stage3.email, '^[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}$')
      THEN _stage3.email
    END AS email__clean,
    _stage3.email__prepared AS email__prepared,
    _stage3.phone__raw AS phone__raw,
    CASE
      WHEN REGEXP_LIKE(_stage3.phone__e164, '^[+][1-9][0-9]{7,14}$')
      THEN _stage3.phone__e164
    END AS phone__clean,
    _stage3.phone__prepared AS phone__prepared,
    _stage3.signup_date__raw AS signup_date__raw,
    CASE
      WHEN REGEXP_LIKE(_stage3.signup_date__canon, '^-?[0-9]{8,10}$')
      THEN CAST(TO_TIMESTAMP(CAST(_stage3.signup_date__canon AS BIGINT)) AS DATE)
      WHEN REGEXP_LIKE(_stage3.signup_date__canon, '^-?[0-9]{12,13}$')
      THEN CAST(TO_TIMESTAMP(CAST(_stage3.signup_date__canon AS BIGINT), 3) AS DATE)
      WHEN REGEXP_LIKE(
        _stage3.signup_date__canon,
        '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
      )
      THEN CASE
        WHEN REGEXP_LIKE(_stage3.signup_date__canon, '^[0-9]{4}-(02-3[01]|(04|06|09|11)-31)')
        OR (
          REGEXP_LIKE(_stage3.signup_date__canon, '^[0-9]{4}-02-29')
          AND NOT (
            CAST(SUBSTRING(_stage3.signup_date__canon, 1, 4) AS INT) % 4 = 0
            AND (
              CAST(SUBSTRING(_stage3.signup_date__canon, 1, 4) AS INT) % 100 <> 0
              OR CAST(SUBSTRING(_stage3.signup_date__canon, 1, 4) AS INT) % 400 = 0
            )
          )
        )
        THEN NULL
        ELSE CAST(_stage3.signup_date__canon AS DATE)
      END
    END AS signup_date__clean,
    _stage3.signup_date__prepared AS signup_date__prepared,
    _stage3.country__raw AS country__raw,
    CASE
      WHEN UPPER(_stage3.country) IN (
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
      THEN UPPER(_stage3.country)
    END AS country__clean,
    _stage3.country__prepared AS country__prepared,
    _stage3.marketing_opt_in__raw AS marketing_opt_in__raw,
    CASE
      WHEN LOWER(_stage3.marketing_opt_in) IN ('yes', 'y', 'true', 't', '1', 'on', 'x')
      THEN TRUE
      WHEN LOWER(_stage3.marketing_opt_in) IN ('no', 'n', 'false', 'f', '0', 'off')
      THEN FALSE
    END AS marketing_opt_in__clean,
    _stage3.marketing_opt_in__prepared AS marketing_opt_in__prepared
  FROM (
    SELECT
      _stage2.__key AS __key,
      _stage2.email AS email,
      _stage2.email__raw AS email__raw,
      _stage2.email__prepared AS email__prepared,
      _stage2.phone AS phone,
      _stage2.phone__raw AS phone__raw,
      _stage2.phone__prepared AS phone__prepared,
      _stage2.phone__plus AS phone__plus,
      _stage2.phone__digits AS phone__digits,
      _stage2.phone__cc AS phone__cc,
      _stage2.phone__e164 AS phone__e164,
      _stage2.signup_date AS signup_date,
      _stage2.signup_date__raw AS signup_date__raw,
      _stage2.signup_date__prepared AS signup_date__prepared,
      _stage2.signup_date__colon AS signup_date__colon,
      _stage2.signup_date__date AS signup_date__date,
      _stage2.signup_date__time AS signup_date__time,
      _stage2.signup_date__neg AS signup_date__neg,
      CASE
        WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$')
        THEN SPLIT_PART(_stage2.signup_date__date, '-', 1) || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 2), 2, '0') || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 3), 2, '0')
        WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$')
        THEN SPLIT_PART(_stage2.signup_date__date, '-', 3) || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 1), 2, '0') || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 2), 2, '0')
        WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{1,2}(st|nd|rd|th)?-[a-z]{3,9}-[0-9]{4}$')
        THEN SPLIT_PART(_stage2.signup_date__date, '-', 3) || '-' || LPAD(
          CASE SUBSTRING(SPLIT_PART(_stage2.signup_date__date, '-', 2), 1, 3)
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
        ) || '-' || LPAD(
          REGEXP_REPLACE(SPLIT_PART(_stage2.signup_date__date, '-', 1), '[a-z]', '', 'g'),
          2,
          '0'
        )
        WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[a-z]{3,9}-[0-9]{1,2}(st|nd|rd|th)?-[0-9]{4}$')
        THEN SPLIT_PART(_stage2.signup_date__date, '-', 3) || '-' || LPAD(
          CASE SUBSTRING(SPLIT_PART(_stage2.signup_date__date, '-', 1), 1, 3)
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
        ) || '-' || LPAD(
          REGEXP_REPLACE(SPLIT_PART(_stage2.signup_date__date, '-', 2), '[a-z]', '', 'g'),
          2,
          '0'
        )
        WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{4}-[a-z]{3,9}-[0-9]{1,2}$')
        THEN SPLIT_PART(_stage2.signup_date__date, '-', 1) || '-' || LPAD(
          CASE SUBSTRING(SPLIT_PART(_stage2.signup_date__date, '-', 2), 1, 3)
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
        ) || '-' || LPAD(SPLIT_PART(_stage2.signup_date__date, '-', 3), 2, '0')
        WHEN REGEXP_LIKE(
          _stage2.signup_date__date,
          '^(1[89]|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])$'
        )
        THEN SUBSTRING(_stage2.signup_date__date, 1, 4) || '-' || LPAD(SUBSTRING(_stage2.signup_date__date, 5, 2), 2, '0') || '-' || LPAD(SUBSTRING(_stage2.signup_date__date, 7, 2), 2, '0')
        WHEN REGEXP_LIKE(_stage2.signup_date__date, '^[0-9]{8,10}$|^[0-9]{12,13}$')
        THEN CASE
          WHEN _stage2.signup_date__neg
          THEN '-' || _stage2.signup_date__date
          ELSE _stage2.signup_date__date
        END
      END AS signup_date__canon,
      _stage2.country AS country,
      _stage2.country__raw AS country__raw,
      _stage2.country__prepared AS country__prepared,
      _stage2.marketing_opt_in AS marketing_opt_in,
      _stage2.marketing_opt_in__raw AS marketing_opt_in__raw,
      _stage2.marketing_opt_in__prepared AS marketing_opt_in__prepared
    FROM (
      SELECT
        _stage1.__key AS __key,
        _stage1.email AS email,
        _stage1.email__raw AS email__raw,
        _stage1.email__prepared AS email__prepared,
        _stage1.phone AS phone,
        _stage1.phone__raw AS phone__raw,
        _stage1.phone__prepared AS phone__prepared,
        _stage1.phone__plus AS phone__plus,
        _stage1.phone__digits AS phone__digits,
        _stage1.phone__cc AS phone__cc,
        CASE
          WHEN _stage1.phone__plus AND _stage1.phone__digits LIKE '00%'
          THEN '+' || SUBSTRING(_stage1.phone__digits, 3)
          WHEN _stage1.phone__plus
          THEN '+' || _stage1.phone__digits
          WHEN NOT _stage1.phone__cc IS NULL AND _stage1.phone__digits LIKE '0%'
          THEN '+' || _stage1.phone__cc || SUBSTRING(_stage1.phone__digits, 2)
          WHEN NOT _stage1.phone__cc IS NULL
          AND (
            SUBSTRING(_stage1.phone__digits, 1, LENGTH(_stage1.phone__cc)) = _stage1.phone__cc
            AND LENGTH(_stage1.phone__digits) >= LENGTH(_stage1.phone__cc) + 8
          )
          THEN '+' || _stage1.phone__digits
          WHEN NOT _stage1.phone__cc IS NULL
          THEN '+' || _stage1.phone__cc || _stage1.phone__digits
          WHEN LENGTH(_stage1.phone__digits) = 10
          THEN '+1' || _stage1.phone__digits
          WHEN _stage1.phone__digits LIKE '1%' AND LENGTH(_stage1.phone__digits) = 11
          THEN '+' || _stage1.phone__digits
          WHEN _stage1.phone__digits LIKE '0%'
          THEN '+1' || SUBSTRING(_stage1.phone__digits, 2)
        END AS phone__e164,
        _stage1.signup_date AS signup_date,
        _stage1.signup_date__raw AS signup_date__raw,
        _stage1.signup_date__prepared AS signup_date__prepared,
        _stage1.signup_date__colon AS signup_date__colon,
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            CASE
              WHEN _stage1.signup_date__colon > 1
              THEN SUBSTRING(
                _stage1.signup_date,
                1,
                CASE
                  WHEN _stage1.signup_date__colon > 2
                  AND REGEXP_LIKE(SUBSTRING(_stage1.signup_date, _stage1.signup_date__colon - 2, 1), '^[0-9]$')
                  THEN _stage1.signup_date__colon - 2
                  ELSE _stage1.signup_date__colon - 1
                END - 1
              )
              ELSE _stage1.signup_date
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
          WHEN _stage1.signup_date__colon > 1
          THEN SUBSTRING(
            _stage1.signup_date,
            CASE
              WHEN _stage1.signup_date__colon > 2
              AND REGEXP_LIKE(SUBSTRING(_stage1.signup_date, _stage1.signup_date__colon - 2, 1), '^[0-9]$')
              THEN _stage1.signup_date__colon - 2
              ELSE _stage1.signup_date__colon - 1
            END
          )
        END AS signup_date__time,
        _stage1.signup_date LIKE '-%' AS signup_date__neg,
        _stage1.country AS country,
        _stage1.country__raw AS country__raw,
        _stage1.country__prepared AS country__prepared,
        _stage1.marketing_opt_in AS marketing_opt_in,
        _stage1.marketing_opt_in__raw AS marketing_opt_in__raw,
        _stage1.marketing_opt_in__prepared AS marketing_opt_in__prepared
      FROM (
        SELECT
          _stage0.__key AS __key,
          CASE
            WHEN LOWER(_stage0.email) LIKE 'mailto:%'
            THEN SUBSTRING(LOWER(_stage0.email), 8)
            ELSE LOWER(_stage0.email)
          END AS email,
          _stage0.email__raw AS email__raw,
          _stage0.email__prepared AS email__prepared,
          _stage0.phone AS phone,
          _stage0.phone__raw AS phone__raw,
          _stage0.phone__prepared AS phone__prepared,
          _stage0.phone LIKE '+%' OR _stage0.phone LIKE '00%' AS phone__plus,
          REGEXP_REPLACE(SPLIT_PART(LOWER(REPLACE(_stage0.phone, '(0)', '')), 'x', 1), '[^0-9]', '', 'g') AS phone__digits,
          CASE UPPER(_stage0.country)
            WHEN 'CA'
            THEN '1'
            WHEN 'DE'
            THEN '49'
            WHEN 'ES'
            THEN '34'
            WHEN 'FR'
            THEN '33'
            WHEN 'GB'
            THEN '44'
            WHEN 'NL'
            THEN '31'
            WHEN 'US'
            THEN '1'
          END AS phone__cc,
          LOWER(_stage0.signup_date) AS signup_date,
          _stage0.signup_date__raw AS signup_date__raw,
          _stage0.signup_date__prepared AS signup_date__prepared,
          CHARINDEX(':', LOWER(_stage0.signup_date)) AS signup_date__colon,
          _stage0.country AS country,
          _stage0.country__raw AS country__raw,
          _stage0.country__prepared AS country__prepared,
          _stage0.marketing_opt_in AS marketing_opt_in,
          _stage0.marketing_opt_in__raw AS marketing_opt_in__raw,
          _stage0.marketing_opt_in__prepared AS marketing_opt_in__prepared
        FROM (
          SELECT
            CAST(customers.id AS VARCHAR) AS __key,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.email, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.email, '[\\s\\xa0]+', ' ', 'g'))
            END AS email,
            CAST(customers.email AS VARCHAR) AS email__raw,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.email, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.email, '[\\s\\xa0]+', ' ', 'g'))
            END AS email__prepared,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.phone, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.phone, '[\\s\\xa0]+', ' ', 'g'))
            END AS phone,
            CAST(customers.phone AS VARCHAR) AS phone__raw,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.phone, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.phone, '[\\s\\xa0]+', ' ', 'g'))
            END AS phone__prepared,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.signup_date, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.signup_date, '[\\s\\xa0]+', ' ', 'g'))
            END AS signup_date,
            CAST(customers.signup_date AS VARCHAR) AS signup_date__raw,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.signup_date, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.signup_date, '[\\s\\xa0]+', ' ', 'g'))
            END AS signup_date__prepared,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.country, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.country, '[\\s\\xa0]+', ' ', 'g'))
            END AS country,
            CAST(customers.country AS VARCHAR) AS country__raw,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.country, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.country, '[\\s\\xa0]+', ' ', 'g'))
            END AS country__prepared,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.marketing_opt_in, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.marketing_opt_in, '[\\s\\xa0]+', ' ', 'g'))
            END AS marketing_opt_in,
            CAST(customers.marketing_opt_in AS VARCHAR) AS marketing_opt_in__raw,
            CASE
              WHEN LOWER(TRIM(REGEXP_REPLACE(customers.marketing_opt_in, '[\\s\\xa0]+', ' ', 'g'))) IN (
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
              ELSE TRIM(REGEXP_REPLACE(customers.marketing_opt_in, '[\\s\\xa0]+', ' ', 'g'))
            END AS marketing_opt_in__prepared
          FROM analytics_raw.customers AS customers
        ) AS _stage0
      ) AS _stage1
    ) AS _stage2
  ) AS _stage3
)
SELECT
  _rejects.model AS model,
  _rejects.key AS key,
  _rejects.column_name AS column_name,
  _rejects.raw_value AS raw_value,
  _rejects."RULE" AS "RULE",
  _rejects.reason AS reason
FROM (
  SELECT
    'stg_customers' AS model,
    _cleansed.__key AS key,
    'email' AS column_name,
    _cleansed.email__raw AS raw_value,
    'email' AS "RULE",
    'not a valid e-mail address' AS reason
  FROM _cleansed AS _cleansed
  WHERE
    NOT _cleansed.email__prepared IS NULL AND _cleansed.email__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    _cleansed.__key AS key,
    'phone' AS column_name,
    _cleansed.phone__raw AS raw_value,
    'phone(+row\'s country, else +1)' AS "RULE",
    'not a phone number (or no country code)' AS reason
  FROM _cleansed AS _cleansed
  WHERE
    NOT _cleansed.phone__prepared IS NULL AND _cleansed.phone__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    _cleansed.__key AS key,
    'signup_date' AS column_name,
    _cleansed.signup_date__raw AS raw_value,
    'date(month first)' AS "RULE",
    'not a recognised date' AS reason
  FROM _cleansed AS _cleansed
  WHERE
    NOT _cleansed.signup_date__prepared IS NULL
    AND _cleansed.signup_date__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    _cleansed.__key AS key,
    'country' AS column_name,
    _cleansed.country__raw AS raw_value,
    'country_code' AS "RULE",
    'not an ISO 3166 country code' AS reason
  FROM _cleansed AS _cleansed
  WHERE
    NOT _cleansed.country__prepared IS NULL AND _cleansed.country__clean IS NULL
  UNION ALL
  SELECT
    'stg_customers' AS model,
    _cleansed.__key AS key,
    'marketing_opt_in' AS column_name,
    _cleansed.marketing_opt_in__raw AS raw_value,
    'boolean' AS "RULE",
    'not a yes/no value' AS reason
  FROM _cleansed AS _cleansed
  WHERE
    NOT _cleansed.marketing_opt_in__prepared IS NULL
    AND _cleansed.marketing_opt_in__clean IS NULL
) AS _rejects
