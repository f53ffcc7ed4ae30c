SELECT
  "products"."product_id" AS "product_id",
  "products"."sku" AS "sku",
  TRIM("products"."name") AS "product_name",
  UPPER(SUBSTRING(TRIM("products"."category") FROM 1 FOR 1)) || LOWER(SUBSTRING(TRIM("products"."category") FROM 2)) AS "category",
  CAST("products"."price_cents" / 100.0 AS DECIMAL(12, 2)) AS "price",
  CAST(CASE
    WHEN "products"."weight" LIKE '%kg'
    THEN CAST(TRIM(REPLACE("products"."weight", 'kg', '')) AS DECIMAL(10, 3)) * 1000
    WHEN "products"."weight" LIKE '%g'
    THEN CAST(TRIM(REPLACE(REPLACE("products"."weight", ',', ''), 'g', '')) AS DECIMAL(10, 3))
  END AS INT) AS "weight_grams",
  "products"."is_active" AS "is_active",
  "products"."created_at" AS "created_at"
FROM "shop_raw"."products" AS "products"
