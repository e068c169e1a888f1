package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.transforms.secrets.Redact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:postgresql://db:5432/lake?user=etl&password=Hunter2|jdbc:postgresql://db:5432/lake?user=etl&password=***",
      "jdbc:mariadb://db/lake?password=Hunter2&user=etl|jdbc:mariadb://db/lake?password=***&user=etl",
      "jdbc:h2:file:/x/db;USER=sa;PASSWORD=Hunter2;AUTO_SERVER=TRUE|jdbc:h2:file:/x/db;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE",
      "https://bob:Hunter2@hooks.example/x|https://bob:***@hooks.example/x",
      "mysql://root:Hunter2@127.0.0.1/test failed|mysql://root:***@127.0.0.1/test failed",
      "s3.secret-access-key=Hunter2 s3.access-key-id=AKIA|s3.secret-access-key=*** s3.access-key-id=AKIA",
      "aws_secret_access_key = Hunter2|aws_secret_access_key = ***",
      "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"AK\",\"secretAccessKey\":\"Hunter2\"}"
          + "|--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"AK\",\"secretAccessKey\":\"***\"}",
      "token=Hunter2|token=***",
      "no secret in jdbc:h2:file:./lake/tributary|no secret in jdbc:h2:file:./lake/tributary",
  })
  void credentialsAreMasked(String text, String expected) {
    assertEquals(expected, Redact.text(text));
  }

  @Test
  void nullStaysNull() {
    assertEquals(null, Redact.text(null));
  }

  @Test
  void rememberedSecretsAreMaskedOutOfContext() {
    Redact.remember("--source-jdbc-url=jdbc:mariadb://root:Pw0rdXyz@127.0.0.1:1/test");
    assertEquals("Incorrect port value : ***@127.0.0.1", Redact.text("Incorrect port value : Pw0rdXyz@127.0.0.1"));
  }
}
