-- From the two most commonly appearing regions, which is the latest datasource?
-- The two regions with the most trips (ties broken by name), then the datasource of their latest trip.
-- Portable: runs unchanged on H2, MariaDB/MySQL and PostgreSQL.
WITH region_counts AS (
  SELECT region, COUNT(*) AS trips
  FROM trips
  GROUP BY region
),
top_regions AS (
  SELECT region, trips
  FROM region_counts
  ORDER BY trips DESC, region
  LIMIT 2
)
SELECT t.datasource, t.region, t.datetime
FROM trips t
JOIN top_regions r ON r.region = t.region
ORDER BY t.datetime DESC, t.datasource
LIMIT 1;
