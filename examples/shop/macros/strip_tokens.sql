{#- Remove every token (currency symbols, brackets, codes) from a text expression.
    Expands to nested replace() calls, which every warehouse has. -#}
{% macro strip_tokens(expression, tokens) -%}
    {%- set ns = namespace(sql=expression) -%}
    {%- for token in tokens -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ token ~ "', '')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
