/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/contract_insurance.json`.
 */
export type ContractInsurance = {
  "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5",
  "metadata": {
    "name": "contractInsurance",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "Contract Insurance Pool: loss cover and liquidation cover for futures traders"
  },
  "instructions": [
    {
      "name": "acceptAdmin",
      "discriminator": [
        112,
        42,
        45,
        90,
        116,
        181,
        13,
        170
      ],
      "accounts": [
        {
          "name": "newAdmin",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "addMarket",
      "discriminator": [
        41,
        137,
        185,
        126,
        69,
        139,
        254,
        55
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "market",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  97,
                  114,
                  107,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "arg",
                "path": "marketId"
              }
            ]
          }
        },
        {
          "name": "markPriceFeed",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  97,
                  114,
                  107,
                  95,
                  112,
                  114,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          }
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "marketId",
          "type": "u16"
        },
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "marketParams"
            }
          }
        }
      ]
    },
    {
      "name": "assignLevel",
      "discriminator": [
        98,
        76,
        188,
        140,
        32,
        110,
        104,
        58
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "referralNode",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "level",
          "type": "u8"
        }
      ]
    },
    {
      "name": "buyLiquidationCover",
      "docs": [
        "Trader: per-order liquidation cover as the trader's `cover_index`-th, bought while placing",
        "the order; its worst case is reserved from the pool's free capital."
      ],
      "discriminator": [
        66,
        7,
        174,
        42,
        212,
        163,
        224,
        197
      ],
      "accounts": [
        {
          "name": "trader",
          "writable": true,
          "signer": true
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          }
        },
        {
          "name": "market"
        },
        {
          "name": "exposure",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  120,
                  112,
                  111,
                  115,
                  117,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "trader"
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          }
        },
        {
          "name": "cover",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  108,
                  105,
                  113,
                  117,
                  105,
                  100,
                  97,
                  116,
                  105,
                  111,
                  110,
                  95,
                  99,
                  111,
                  118,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "trader"
              },
              {
                "kind": "arg",
                "path": "coverIndex"
              }
            ]
          }
        },
        {
          "name": "traderToken",
          "writable": true
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "coverIndex",
          "type": "u64"
        },
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "liquidationCoverArgs"
            }
          }
        }
      ]
    },
    {
      "name": "buyPolicy",
      "docs": [
        "Buys a loss-cover policy as the trader's `policy_index`-th; remaining accounts are the",
        "buyer's uplines (direct referrer first)."
      ],
      "discriminator": [
        0,
        59,
        201,
        101,
        183,
        3,
        41,
        24
      ],
      "accounts": [
        {
          "name": "trader",
          "writable": true,
          "signer": true
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          }
        },
        {
          "name": "referralNode",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  102,
                  101,
                  114,
                  114,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "trader"
              }
            ]
          }
        },
        {
          "name": "policy",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  108,
                  105,
                  99,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "trader"
              },
              {
                "kind": "arg",
                "path": "policyIndex"
              }
            ]
          }
        },
        {
          "name": "traderToken",
          "writable": true
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "policyIndex",
          "type": "u64"
        },
        {
          "name": "premium",
          "type": "u64"
        }
      ]
    },
    {
      "name": "cancelOrderRemainder",
      "docs": [
        "Reporter: unfilled quantity cancelled; the pro-rata refund is paid at once (or credited)."
      ],
      "discriminator": [
        79,
        248,
        75,
        84,
        108,
        49,
        137,
        35
      ],
      "accounts": [
        {
          "name": "reporter",
          "signer": true
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "exposure",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  120,
                  112,
                  111,
                  115,
                  117,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              },
              {
                "kind": "account",
                "path": "cover.market",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "traderToken",
          "docs": [
            "The trader's premium token account, to pay the refund at once (optional)."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "cancelledQty",
          "type": "u64"
        }
      ]
    },
    {
      "name": "claimCommission",
      "discriminator": [
        12,
        9,
        15,
        170,
        155,
        235,
        124,
        254
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "referralNode"
          ]
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "referralNode",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  102,
                  101,
                  114,
                  114,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "claimCredits",
      "docs": [
        "Owner: mints compensation credits that could not be delivered to their credit account."
      ],
      "discriminator": [
        59,
        155,
        199,
        77,
        139,
        69,
        200,
        173
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "creditMint",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  114,
                  101,
                  100,
                  105,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "claimRebate",
      "discriminator": [
        180,
        77,
        169,
        215,
        170,
        162,
        242,
        1
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "referralNode"
          ]
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "referralNode",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  102,
                  101,
                  114,
                  114,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "creditMint",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  114,
                  101,
                  100,
                  105,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "claimRefund",
      "docs": [
        "Owner: pays the cancellation refunds credited to a cover."
      ],
      "discriminator": [
        15,
        16,
        30,
        161,
        255,
        228,
        97,
        60
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "cover"
          ]
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "claimRewards",
      "docs": [
        "Owner: claims pending rewards."
      ],
      "discriminator": [
        4,
        144,
        132,
        71,
        116,
        23,
        151,
        80
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "miner"
          ]
        },
        {
          "name": "miningPool",
          "writable": true,
          "relations": [
            "miner"
          ]
        },
        {
          "name": "miner",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  105,
                  110,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "miningPool"
              },
              {
                "kind": "account",
                "path": "miner.owner",
                "account": "miner"
              }
            ]
          }
        },
        {
          "name": "mint"
        },
        {
          "name": "vault",
          "writable": true
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "claimVested",
      "docs": [
        "Owner: pays what has vested of an approved claim."
      ],
      "discriminator": [
        208,
        190,
        166,
        114,
        203,
        225,
        140,
        208
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "cover"
          ]
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closeLiquidationCover",
      "docs": [
        "Closes a finished liquidation cover (nothing owed any more); rent to the trader."
      ],
      "discriminator": [
        94,
        119,
        52,
        209,
        120,
        53,
        89,
        156
      ],
      "accounts": [
        {
          "name": "closer",
          "signer": true
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "owner",
          "writable": true,
          "relations": [
            "cover"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closeMarketExposure",
      "docs": [
        "Closes a trader's market exposure with no ongoing cover; rent to the trader."
      ],
      "discriminator": [
        143,
        54,
        30,
        34,
        31,
        55,
        122,
        38
      ],
      "accounts": [
        {
          "name": "closer",
          "signer": true
        },
        {
          "name": "exposure",
          "writable": true
        },
        {
          "name": "owner",
          "writable": true,
          "relations": [
            "exposure"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closeMiner",
      "docs": [
        "Closes a miner with no stake and no unclaimed rewards; rent to the owner."
      ],
      "discriminator": [
        101,
        10,
        186,
        29,
        231,
        198,
        255,
        67
      ],
      "accounts": [
        {
          "name": "closer",
          "signer": true
        },
        {
          "name": "miningPool",
          "writable": true,
          "relations": [
            "miner"
          ]
        },
        {
          "name": "miner",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  105,
                  110,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "miningPool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "owner",
          "writable": true,
          "relations": [
            "miner"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closeOrderCover",
      "docs": [
        "Reporter: the position closed without liquidation."
      ],
      "discriminator": [
        182,
        113,
        79,
        189,
        23,
        85,
        139,
        239
      ],
      "accounts": [
        {
          "name": "reporter",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "cover"
          ]
        },
        {
          "name": "vault",
          "docs": [
            "The premium vault, read for the end-of-instruction solvency check."
          ]
        },
        {
          "name": "user",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "exposure",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  120,
                  112,
                  111,
                  115,
                  117,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              },
              {
                "kind": "account",
                "path": "cover.market",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closePolicy",
      "docs": [
        "Closes a finished policy (Completed, exposures closed); rent to the owner."
      ],
      "discriminator": [
        55,
        42,
        248,
        229,
        222,
        138,
        26,
        252
      ],
      "accounts": [
        {
          "name": "closer",
          "signer": true
        },
        {
          "name": "policy",
          "writable": true
        },
        {
          "name": "owner",
          "writable": true,
          "relations": [
            "policy"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closePolicyExposure",
      "docs": [
        "Closes a policy's valued (or no longer needed) exposure; rent to the reporter that paid it."
      ],
      "discriminator": [
        124,
        204,
        206,
        55,
        222,
        220,
        255,
        87
      ],
      "accounts": [
        {
          "name": "closer",
          "signer": true
        },
        {
          "name": "policy",
          "writable": true,
          "relations": [
            "exposure"
          ]
        },
        {
          "name": "exposure",
          "writable": true
        },
        {
          "name": "rentPayer",
          "writable": true,
          "relations": [
            "exposure"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "closePosition",
      "docs": [
        "Reporter: partial or full close at `price` with the venue's closing fee, at venue time",
        "`event_time`."
      ],
      "discriminator": [
        123,
        134,
        81,
        0,
        49,
        68,
        98,
        98
      ],
      "accounts": [
        {
          "name": "reporter",
          "docs": [
            "Receives the position's rent when it closes."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market",
            "user",
            "position"
          ]
        },
        {
          "name": "market",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "user",
          "writable": true
        },
        {
          "name": "position",
          "writable": true
        },
        {
          "name": "policy",
          "docs": [
            "already closed account (then the event no longer counts). Loaded by `policy_link`."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "policyExposure",
          "docs": [
            "`policy_link`."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "size",
          "type": "u64"
        },
        {
          "name": "price",
          "type": "u64"
        },
        {
          "name": "fee",
          "type": "u64"
        },
        {
          "name": "eventTime",
          "type": "i64"
        }
      ]
    },
    {
      "name": "depositCapital",
      "docs": [
        "Anyone: adds capital to the vault."
      ],
      "discriminator": [
        157,
        98,
        40,
        41,
        205,
        210,
        121,
        253
      ],
      "accounts": [
        {
          "name": "depositor",
          "signer": true
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "source",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "finalizeClaim",
      "docs": [
        "Anyone, after the deadline: approve an unreviewed claim."
      ],
      "discriminator": [
        86,
        162,
        202,
        241,
        136,
        125,
        52,
        149
      ],
      "accounts": [
        {
          "name": "authority",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "cover"
          ]
        },
        {
          "name": "vault",
          "docs": [
            "The premium vault, read for the end-of-instruction solvency check."
          ]
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "fundRewards",
      "docs": [
        "Admin: adds rewards to the reward vault."
      ],
      "discriminator": [
        114,
        64,
        163,
        112,
        175,
        167,
        19,
        121
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "miningPool"
          ]
        },
        {
          "name": "miningPool",
          "writable": true
        },
        {
          "name": "rewardMint"
        },
        {
          "name": "source",
          "writable": true
        },
        {
          "name": "rewardVault",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "getMarkPrice",
      "docs": [
        "Read-only: the market's guarded mark price (returned as instruction return data)."
      ],
      "discriminator": [
        60,
        224,
        140,
        179,
        227,
        235,
        56,
        44
      ],
      "accounts": [
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "market"
        },
        {
          "name": "markPriceFeed",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  97,
                  114,
                  107,
                  95,
                  112,
                  114,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          },
          "relations": [
            "market"
          ]
        }
      ],
      "args": [],
      "returns": {
        "defined": {
          "name": "validatedPrice"
        }
      }
    },
    {
      "name": "increasePosition",
      "docs": [
        "Reporter: size added at `price` at venue time `event_time` (entry becomes size-weighted)."
      ],
      "discriminator": [
        253,
        234,
        128,
        104,
        192,
        188,
        45,
        91
      ],
      "accounts": [
        {
          "name": "reporter",
          "docs": [
            "Receives the position's rent when it closes."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market",
            "user",
            "position"
          ]
        },
        {
          "name": "market",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "user",
          "writable": true
        },
        {
          "name": "position",
          "writable": true
        },
        {
          "name": "policy",
          "docs": [
            "already closed account (then the event no longer counts). Loaded by `policy_link`."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "policyExposure",
          "docs": [
            "`policy_link`."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "size",
          "type": "u64"
        },
        {
          "name": "price",
          "type": "u64"
        },
        {
          "name": "addedMargin",
          "type": "u64"
        },
        {
          "name": "eventTime",
          "type": "i64"
        }
      ]
    },
    {
      "name": "initMiningPool",
      "docs": [
        "Admin: creates the mining pool where hashrate credits earn the reward mint."
      ],
      "discriminator": [
        96,
        83,
        104,
        28,
        45,
        147,
        63,
        91
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "miningPool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  105,
                  110,
                  105,
                  110,
                  103,
                  95,
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "creditMint"
        },
        {
          "name": "rewardMint"
        },
        {
          "name": "stakeVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "miningPool"
              }
            ]
          }
        },
        {
          "name": "rewardVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "miningPool"
              }
            ]
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "miningParams"
            }
          }
        }
      ]
    },
    {
      "name": "initializePool",
      "docs": [
        "Creates the pool for a premium mint: pool PDA, vault (the pool's associated token account),",
        "hashrate-credit mint, roles, config and level table."
      ],
      "discriminator": [
        95,
        180,
        10,
        172,
        84,
        174,
        232,
        40
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "creditMint",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  114,
                  101,
                  100,
                  105,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "vault",
          "docs": [
            "or accepted as it is when someone created it first (it can only belong to the pool)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "programData",
          "docs": [
            "When the program is deployed with the upgradeable loader, its program-data account: the",
            "upgrade authority must be the admin, so nobody can squat a mint's pool (see",
            "`pool_creator` for every loader)."
          ],
          "optional": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "associatedTokenProgram",
          "address": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "initializePoolArgs"
            }
          }
        }
      ]
    },
    {
      "name": "issueCompensation",
      "docs": [
        "Anyone: pays a Compensating policy in credits and accrues upline rebates (remaining",
        "accounts: the owner's uplines, direct referrer first)."
      ],
      "discriminator": [
        230,
        11,
        102,
        97,
        146,
        6,
        95,
        89
      ],
      "accounts": [
        {
          "name": "keeper",
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "policy"
          ]
        },
        {
          "name": "policy",
          "writable": true
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "owner",
          "docs": [
            "credit token account."
          ],
          "relations": [
            "policy"
          ]
        },
        {
          "name": "ownerNode",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  102,
                  101,
                  114,
                  114,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "creditMint",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  114,
                  101,
                  100,
                  105,
                  116,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "ownerCreditAccount",
          "docs": [
            "`token_account_usable` otherwise."
          ],
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "associatedTokenProgram",
          "address": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "liquidatePosition",
      "docs": [
        "Reporter: liquidation of `size` at `price` at venue time `event_time`."
      ],
      "discriminator": [
        187,
        74,
        229,
        149,
        102,
        81,
        221,
        68
      ],
      "accounts": [
        {
          "name": "reporter",
          "docs": [
            "Receives the position's rent when it closes."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market",
            "user",
            "position"
          ]
        },
        {
          "name": "market",
          "writable": true,
          "relations": [
            "position"
          ]
        },
        {
          "name": "user",
          "writable": true
        },
        {
          "name": "position",
          "writable": true
        },
        {
          "name": "policy",
          "docs": [
            "already closed account (then the event no longer counts). Loaded by `policy_link`."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "policyExposure",
          "docs": [
            "`policy_link`."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "size",
          "type": "u64"
        },
        {
          "name": "price",
          "type": "u64"
        },
        {
          "name": "fee",
          "type": "u64"
        },
        {
          "name": "eventTime",
          "type": "i64"
        }
      ]
    },
    {
      "name": "openPosition",
      "docs": [
        "Reporter: a trader opened a position at venue time `args.opened_at` (attaches to the",
        "active policy inside its window; an open before the policy's start voids it)."
      ],
      "discriminator": [
        135,
        128,
        47,
        77,
        15,
        152,
        240,
        49
      ],
      "accounts": [
        {
          "name": "reporter",
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market",
            "user"
          ]
        },
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "user",
          "writable": true
        },
        {
          "name": "position",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "user.owner",
                "account": "userAccount"
              },
              {
                "kind": "arg",
                "path": "positionId"
              }
            ]
          }
        },
        {
          "name": "policy",
          "docs": [
            "The trader's active policy; required when the trader has one."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "policyExposure",
          "docs": [
            "created here with the first attached position. Required when the position attaches."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "positionId",
          "type": "u64"
        },
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "openPositionArgs"
            }
          }
        }
      ]
    },
    {
      "name": "postMarkPrice",
      "docs": [
        "Oracle authority: records a mark price for an `Authority` market."
      ],
      "discriminator": [
        25,
        169,
        217,
        172,
        224,
        122,
        246,
        163
      ],
      "accounts": [
        {
          "name": "oracleAuthority",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "market"
        },
        {
          "name": "markPriceFeed",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  97,
                  114,
                  107,
                  95,
                  112,
                  114,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "price",
          "type": "i64"
        },
        {
          "name": "conf",
          "type": "u64"
        },
        {
          "name": "publishTime",
          "type": "i64"
        }
      ]
    },
    {
      "name": "proposeAdmin",
      "discriminator": [
        121,
        214,
        199,
        212,
        87,
        39,
        117,
        234
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "proposedAdmin",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "recordPythPrice",
      "docs": [
        "Anyone: records a verified Pyth update into a Pyth market's mark-price feed."
      ],
      "discriminator": [
        123,
        35,
        239,
        103,
        242,
        148,
        4,
        92
      ],
      "accounts": [
        {
          "name": "recorder",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "market"
        },
        {
          "name": "markPriceFeed",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  97,
                  114,
                  107,
                  95,
                  112,
                  114,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "priceUpdate",
          "docs": [
            "id checked by `oracle::pyth::read`."
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "register",
      "docs": [
        "Creates the caller's user account and referral node, optionally under a referrer."
      ],
      "discriminator": [
        211,
        124,
        67,
        15,
        211,
        194,
        178,
        240
      ],
      "accounts": [
        {
          "name": "wallet",
          "writable": true,
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "wallet"
              }
            ]
          }
        },
        {
          "name": "referralNode",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  102,
                  101,
                  114,
                  114,
                  97,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "wallet"
              }
            ]
          }
        },
        {
          "name": "referrerNode",
          "docs": [
            "unregistered referrers get their own errors."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "reportLiquidation",
      "docs": [
        "Reporter: the position was liquidated; the claim goes under review."
      ],
      "discriminator": [
        43,
        33,
        190,
        220,
        41,
        220,
        105,
        152
      ],
      "accounts": [
        {
          "name": "reporter",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "cover"
          ]
        },
        {
          "name": "vault",
          "docs": [
            "The premium vault, read for the end-of-instruction solvency check."
          ]
        },
        {
          "name": "user",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "exposure",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  120,
                  112,
                  111,
                  115,
                  117,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              },
              {
                "kind": "account",
                "path": "cover.market",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "liquidatedQty",
          "type": "u64"
        },
        {
          "name": "loss",
          "type": "u64"
        }
      ]
    },
    {
      "name": "reportOrderFill",
      "docs": [
        "Reporter: part or all of the covered order filled into a position."
      ],
      "discriminator": [
        9,
        119,
        99,
        201,
        226,
        17,
        81,
        26
      ],
      "accounts": [
        {
          "name": "reporter",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "cover",
            "position"
          ]
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "position"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "fillQty",
          "type": "u64"
        }
      ]
    },
    {
      "name": "requestEarlySettlement",
      "docs": [
        "Owner, inside the window: one position's loss has reached the trigger."
      ],
      "discriminator": [
        165,
        161,
        129,
        93,
        177,
        31,
        158,
        232
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "policy"
          ]
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "policy"
          ]
        },
        {
          "name": "policy",
          "writable": true
        },
        {
          "name": "position",
          "optional": true
        },
        {
          "name": "market",
          "optional": true
        },
        {
          "name": "markPriceFeed",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "positionId",
          "type": "u64"
        }
      ]
    },
    {
      "name": "reviewClaim",
      "docs": [
        "Reviewer, before the deadline: approve or reject a claim."
      ],
      "discriminator": [
        216,
        130,
        247,
        208,
        165,
        226,
        4,
        211
      ],
      "accounts": [
        {
          "name": "authority",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "cover"
          ]
        },
        {
          "name": "vault",
          "docs": [
            "The premium vault, read for the end-of-instruction solvency check."
          ]
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "cover.owner",
                "account": "liquidationCover"
              }
            ]
          }
        },
        {
          "name": "cover",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "approve",
          "type": "bool"
        }
      ]
    },
    {
      "name": "setLeadTrader",
      "discriminator": [
        93,
        42,
        93,
        1,
        97,
        167,
        203,
        63
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "user"
          ]
        },
        {
          "name": "user",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "isLeadTrader",
          "type": "bool"
        }
      ]
    },
    {
      "name": "setPaused",
      "discriminator": [
        91,
        60,
        125,
        192,
        176,
        225,
        166,
        218
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "setRoles",
      "discriminator": [
        119,
        86,
        129,
        161,
        55,
        23,
        250,
        12
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "roles",
          "type": {
            "defined": {
              "name": "poolRoles"
            }
          }
        }
      ]
    },
    {
      "name": "settlePolicy",
      "docs": [
        "Anyone, once the window's reports and prices are final: values markets of the policy",
        "(remaining accounts: `(policy_exposure, mark_price_feed)` pairs, in batches across as",
        "many transactions as needed) and decides it when the last one is valued."
      ],
      "discriminator": [
        180,
        234,
        21,
        174,
        50,
        214,
        91,
        113
      ],
      "accounts": [
        {
          "name": "keeper",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "policy"
          ]
        },
        {
          "name": "policy",
          "writable": true
        },
        {
          "name": "user",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  117,
                  115,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "policy.owner",
                "account": "policy"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": []
    },
    {
      "name": "stake",
      "docs": [
        "Owner: stakes hashrate credits."
      ],
      "discriminator": [
        206,
        176,
        202,
        18,
        200,
        209,
        179,
        108
      ],
      "accounts": [
        {
          "name": "owner",
          "writable": true,
          "signer": true
        },
        {
          "name": "miningPool",
          "writable": true
        },
        {
          "name": "miner",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  105,
                  110,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "miningPool"
              },
              {
                "kind": "account",
                "path": "owner"
              }
            ]
          }
        },
        {
          "name": "creditMint"
        },
        {
          "name": "source",
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true,
          "relations": [
            "miningPool"
          ]
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "unstake",
      "docs": [
        "Owner: unstakes credits, where allowed."
      ],
      "discriminator": [
        90,
        95,
        107,
        42,
        205,
        124,
        50,
        225
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "miner"
          ]
        },
        {
          "name": "miningPool",
          "writable": true,
          "relations": [
            "miner"
          ]
        },
        {
          "name": "miner",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  105,
                  110,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "miningPool"
              },
              {
                "kind": "account",
                "path": "miner.owner",
                "account": "miner"
              }
            ]
          }
        },
        {
          "name": "mint"
        },
        {
          "name": "vault",
          "writable": true
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "updateConfig",
      "discriminator": [
        29,
        158,
        252,
        191,
        10,
        83,
        219,
        99
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "config",
          "type": {
            "defined": {
              "name": "poolConfig"
            }
          }
        }
      ]
    },
    {
      "name": "updateLevels",
      "discriminator": [
        111,
        86,
        133,
        7,
        117,
        30,
        121,
        209
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          }
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "levels",
          "type": {
            "vec": {
              "defined": {
                "name": "level"
              }
            }
          }
        }
      ]
    },
    {
      "name": "updateMarket",
      "discriminator": [
        153,
        39,
        2,
        197,
        179,
        50,
        199,
        217
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "market",
          "writable": true
        },
        {
          "name": "markPriceFeed",
          "docs": [
            "The market's feed: its observations are re-expressed when the price decimals change."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  97,
                  114,
                  107,
                  95,
                  112,
                  114,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "market"
              }
            ]
          },
          "relations": [
            "market"
          ]
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "marketParams"
            }
          }
        }
      ]
    },
    {
      "name": "updateMiningParams",
      "docs": [
        "Admin: changes emission or unstaking rules (the accumulator is settled first)."
      ],
      "discriminator": [
        199,
        147,
        232,
        5,
        155,
        47,
        76,
        217
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "miningPool"
          ]
        },
        {
          "name": "miningPool",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "miningParams"
            }
          }
        }
      ]
    },
    {
      "name": "withdrawRewards",
      "docs": [
        "Admin: takes back funded rewards that have not been emitted."
      ],
      "discriminator": [
        10,
        214,
        219,
        139,
        205,
        22,
        251,
        21
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "pool",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "pool.premiumMint",
                "account": "pool"
              }
            ]
          },
          "relations": [
            "miningPool"
          ]
        },
        {
          "name": "miningPool",
          "writable": true
        },
        {
          "name": "rewardMint"
        },
        {
          "name": "rewardVault",
          "writable": true
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "withdrawSurplus",
      "discriminator": [
        150,
        183,
        243,
        31,
        213,
        21,
        79,
        26
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "premiumMint"
        },
        {
          "name": "pool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ]
          }
        },
        {
          "name": "vault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "tokenProgram"
              },
              {
                "kind": "account",
                "path": "premiumMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "program",
          "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "liquidationCover",
      "discriminator": [
        148,
        202,
        222,
        242,
        124,
        78,
        87,
        69
      ]
    },
    {
      "name": "markPriceFeed",
      "discriminator": [
        73,
        46,
        71,
        108,
        58,
        16,
        90,
        43
      ]
    },
    {
      "name": "market",
      "discriminator": [
        219,
        190,
        213,
        55,
        0,
        227,
        198,
        154
      ]
    },
    {
      "name": "marketExposure",
      "discriminator": [
        241,
        6,
        14,
        122,
        26,
        213,
        92,
        20
      ]
    },
    {
      "name": "miner",
      "discriminator": [
        223,
        113,
        15,
        54,
        123,
        122,
        140,
        100
      ]
    },
    {
      "name": "miningPool",
      "discriminator": [
        134,
        149,
        193,
        160,
        11,
        139,
        229,
        253
      ]
    },
    {
      "name": "policy",
      "discriminator": [
        222,
        135,
        7,
        163,
        235,
        177,
        33,
        68
      ]
    },
    {
      "name": "policyExposure",
      "discriminator": [
        90,
        228,
        82,
        128,
        191,
        165,
        184,
        207
      ]
    },
    {
      "name": "pool",
      "discriminator": [
        241,
        154,
        109,
        4,
        17,
        177,
        109,
        188
      ]
    },
    {
      "name": "position",
      "discriminator": [
        170,
        188,
        143,
        228,
        122,
        64,
        247,
        208
      ]
    },
    {
      "name": "referralNode",
      "discriminator": [
        32,
        99,
        161,
        2,
        159,
        214,
        155,
        96
      ]
    },
    {
      "name": "userAccount",
      "discriminator": [
        211,
        33,
        136,
        16,
        186,
        110,
        242,
        127
      ]
    }
  ],
  "events": [
    {
      "name": "adminProposed",
      "discriminator": [
        129,
        249,
        226,
        227,
        199,
        82,
        110,
        243
      ]
    },
    {
      "name": "adminTransferred",
      "discriminator": [
        255,
        147,
        182,
        5,
        199,
        217,
        38,
        179
      ]
    },
    {
      "name": "capitalDeposited",
      "discriminator": [
        193,
        124,
        182,
        129,
        144,
        1,
        221,
        53
      ]
    },
    {
      "name": "claimDecided",
      "discriminator": [
        35,
        95,
        116,
        58,
        116,
        209,
        151,
        138
      ]
    },
    {
      "name": "commissionClaimed",
      "discriminator": [
        39,
        106,
        107,
        183,
        92,
        78,
        148,
        99
      ]
    },
    {
      "name": "compensationIssued",
      "discriminator": [
        242,
        165,
        178,
        48,
        170,
        4,
        100,
        8
      ]
    },
    {
      "name": "configUpdated",
      "discriminator": [
        40,
        241,
        230,
        122,
        11,
        19,
        198,
        194
      ]
    },
    {
      "name": "coverClosed",
      "discriminator": [
        117,
        54,
        215,
        90,
        107,
        161,
        110,
        124
      ]
    },
    {
      "name": "creditsClaimed",
      "discriminator": [
        70,
        217,
        51,
        135,
        90,
        237,
        70,
        144
      ]
    },
    {
      "name": "exposuresValued",
      "discriminator": [
        65,
        188,
        67,
        121,
        230,
        220,
        69,
        42
      ]
    },
    {
      "name": "leadTraderSet",
      "discriminator": [
        211,
        95,
        205,
        88,
        130,
        184,
        170,
        14
      ]
    },
    {
      "name": "levelAssigned",
      "discriminator": [
        105,
        218,
        139,
        98,
        73,
        91,
        155,
        234
      ]
    },
    {
      "name": "levelsUpdated",
      "discriminator": [
        142,
        137,
        187,
        254,
        104,
        6,
        255,
        71
      ]
    },
    {
      "name": "liquidationCoverBought",
      "discriminator": [
        45,
        202,
        252,
        113,
        157,
        70,
        82,
        147
      ]
    },
    {
      "name": "liquidationCoverClosed",
      "discriminator": [
        247,
        88,
        175,
        186,
        237,
        129,
        117,
        133
      ]
    },
    {
      "name": "liquidationReported",
      "discriminator": [
        124,
        10,
        20,
        252,
        23,
        72,
        151,
        230
      ]
    },
    {
      "name": "markPriceRecorded",
      "discriminator": [
        9,
        198,
        242,
        54,
        39,
        199,
        13,
        78
      ]
    },
    {
      "name": "marketAdded",
      "discriminator": [
        170,
        8,
        231,
        175,
        249,
        85,
        111,
        175
      ]
    },
    {
      "name": "marketExposureClosed",
      "discriminator": [
        150,
        47,
        116,
        39,
        64,
        97,
        97,
        9
      ]
    },
    {
      "name": "marketUpdated",
      "discriminator": [
        170,
        51,
        74,
        147,
        116,
        168,
        217,
        251
      ]
    },
    {
      "name": "minerClosed",
      "discriminator": [
        250,
        170,
        100,
        40,
        217,
        217,
        222,
        161
      ]
    },
    {
      "name": "miningParamsUpdated",
      "discriminator": [
        233,
        164,
        64,
        146,
        230,
        49,
        113,
        95
      ]
    },
    {
      "name": "miningPoolInitialized",
      "discriminator": [
        247,
        246,
        192,
        82,
        254,
        29,
        53,
        33
      ]
    },
    {
      "name": "orderCancelled",
      "discriminator": [
        108,
        56,
        128,
        68,
        168,
        113,
        168,
        239
      ]
    },
    {
      "name": "orderFilled",
      "discriminator": [
        120,
        124,
        109,
        66,
        249,
        116,
        174,
        30
      ]
    },
    {
      "name": "pauseChanged",
      "discriminator": [
        238,
        188,
        213,
        78,
        134,
        209,
        178,
        218
      ]
    },
    {
      "name": "policyClosed",
      "discriminator": [
        19,
        126,
        82,
        173,
        79,
        86,
        50,
        51
      ]
    },
    {
      "name": "policyExposureClosed",
      "discriminator": [
        123,
        31,
        77,
        157,
        169,
        73,
        215,
        36
      ]
    },
    {
      "name": "policyPurchased",
      "discriminator": [
        120,
        100,
        255,
        218,
        16,
        36,
        194,
        192
      ]
    },
    {
      "name": "policySettled",
      "discriminator": [
        67,
        45,
        149,
        235,
        199,
        184,
        83,
        77
      ]
    },
    {
      "name": "policyVoided",
      "discriminator": [
        221,
        143,
        137,
        29,
        241,
        242,
        196,
        0
      ]
    },
    {
      "name": "poolInitialized",
      "discriminator": [
        100,
        118,
        173,
        87,
        12,
        198,
        254,
        229
      ]
    },
    {
      "name": "positionIncreased",
      "discriminator": [
        73,
        58,
        247,
        181,
        100,
        237,
        249,
        81
      ]
    },
    {
      "name": "positionOpened",
      "discriminator": [
        237,
        175,
        243,
        230,
        147,
        117,
        101,
        121
      ]
    },
    {
      "name": "positionReduced",
      "discriminator": [
        251,
        198,
        158,
        1,
        128,
        208,
        153,
        2
      ]
    },
    {
      "name": "rebateClaimed",
      "discriminator": [
        225,
        106,
        198,
        84,
        60,
        69,
        42,
        135
      ]
    },
    {
      "name": "refundClaimed",
      "discriminator": [
        136,
        64,
        242,
        99,
        4,
        244,
        208,
        130
      ]
    },
    {
      "name": "rewardsClaimed",
      "discriminator": [
        75,
        98,
        88,
        18,
        219,
        112,
        88,
        121
      ]
    },
    {
      "name": "rewardsFunded",
      "discriminator": [
        84,
        233,
        245,
        203,
        228,
        147,
        165,
        92
      ]
    },
    {
      "name": "rewardsWithdrawn",
      "discriminator": [
        217,
        163,
        80,
        5,
        221,
        132,
        52,
        239
      ]
    },
    {
      "name": "rolesUpdated",
      "discriminator": [
        81,
        37,
        176,
        32,
        30,
        204,
        251,
        246
      ]
    },
    {
      "name": "staked",
      "discriminator": [
        11,
        146,
        45,
        205,
        230,
        58,
        213,
        240
      ]
    },
    {
      "name": "surplusWithdrawn",
      "discriminator": [
        29,
        6,
        61,
        94,
        79,
        60,
        172,
        245
      ]
    },
    {
      "name": "unstaked",
      "discriminator": [
        27,
        179,
        156,
        215,
        47,
        71,
        195,
        7
      ]
    },
    {
      "name": "userRegistered",
      "discriminator": [
        21,
        42,
        216,
        163,
        99,
        51,
        200,
        222
      ]
    },
    {
      "name": "vestedClaimed",
      "discriminator": [
        90,
        39,
        80,
        199,
        242,
        108,
        89,
        46
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "notAdmin",
      "msg": "Signer is not the pool admin"
    },
    {
      "code": 6001,
      "name": "notPendingAdmin",
      "msg": "Signer is not the proposed admin"
    },
    {
      "code": 6002,
      "name": "noPendingAdmin",
      "msg": "No admin transfer is pending"
    },
    {
      "code": 6003,
      "name": "notReporter",
      "msg": "Signer is not the pool reporter"
    },
    {
      "code": 6004,
      "name": "notOracleAuthority",
      "msg": "Signer is not the pool oracle authority"
    },
    {
      "code": 6005,
      "name": "notReviewer",
      "msg": "Signer is not the pool reviewer"
    },
    {
      "code": 6006,
      "name": "notOwner",
      "msg": "Signer does not own this account"
    },
    {
      "code": 6007,
      "name": "invalidRoleKey",
      "msg": "A role key must not be the default (all-zero) pubkey"
    },
    {
      "code": 6008,
      "name": "roleKeysNotDistinct",
      "msg": "Role keys must be separate keys: no two roles, and no role and the admin, may share one"
    },
    {
      "code": 6009,
      "name": "notPoolCreator",
      "msg": "Only the program's deployer (its upgrade authority, or the build-time pool creator) may create a pool"
    },
    {
      "code": 6010,
      "name": "poolCreatorNotConfigured",
      "msg": "This deployment has no pool creator: build with CIP_POOL_CREATOR or keep an upgrade authority"
    },
    {
      "code": 6011,
      "name": "programAccountMismatch",
      "msg": "The program account passed is not this program"
    },
    {
      "code": 6012,
      "name": "poolPaused",
      "msg": "The pool is paused: new purchases are not accepted"
    },
    {
      "code": 6013,
      "name": "pauseStateUnchanged",
      "msg": "The pool is already in the requested pause state"
    },
    {
      "code": 6014,
      "name": "accountAlreadyInitialized",
      "msg": "The account is already initialized"
    },
    {
      "code": 6015,
      "name": "unsupportedMintExtension",
      "msg": "The premium mint uses a Token-2022 extension the pool cannot account for"
    },
    {
      "code": 6016,
      "name": "poolMismatch",
      "msg": "Account belongs to a different pool"
    },
    {
      "code": 6017,
      "name": "tokenAccountMismatch",
      "msg": "Token account or mint does not match the pool"
    },
    {
      "code": 6018,
      "name": "tokenProgramMismatch",
      "msg": "Token program does not match the pool"
    },
    {
      "code": 6019,
      "name": "vaultAccountInvalid",
      "msg": "The pool's vault address holds an account that is not the pool's token account for the premium mint"
    },
    {
      "code": 6020,
      "name": "invalidTierCount",
      "msg": "Premium tier count must be between 1 and the maximum"
    },
    {
      "code": 6021,
      "name": "invalidTier",
      "msg": "A premium tier needs 0 < step, min and max multiples of step, and min <= max"
    },
    {
      "code": 6022,
      "name": "tiersNotAscending",
      "msg": "Premium tiers must be ascending and must not overlap"
    },
    {
      "code": 6023,
      "name": "invalidTriggerMultiplier",
      "msg": "Trigger multiplier must be at least 1"
    },
    {
      "code": 6024,
      "name": "invalidPayoutRatio",
      "msg": "Payout ratio must be between 1 and 10 000 bps"
    },
    {
      "code": 6025,
      "name": "invalidPolicyDuration",
      "msg": "Policy duration must be positive and at most 30 days"
    },
    {
      "code": 6026,
      "name": "invalidMaxDepth",
      "msg": "Max referral depth must be between 1 and the hard cap of 20"
    },
    {
      "code": 6027,
      "name": "invalidLevelCount",
      "msg": "Level table must have between 1 and 11 levels"
    },
    {
      "code": 6028,
      "name": "levelZeroThresholdNotZero",
      "msg": "Level 0 must have a team-volume threshold of 0"
    },
    {
      "code": 6029,
      "name": "levelThresholdsNotAscending",
      "msg": "Level thresholds must be strictly ascending"
    },
    {
      "code": 6030,
      "name": "rateAboveMaximum",
      "msg": "A rate must not exceed 10 000 bps"
    },
    {
      "code": 6031,
      "name": "ratesDecreasing",
      "msg": "Rates must not decrease as the level rises"
    },
    {
      "code": 6032,
      "name": "invalidStaleness",
      "msg": "Price staleness bound must be between 1 s and 1 h"
    },
    {
      "code": 6033,
      "name": "invalidConfidenceBound",
      "msg": "Confidence bound must be between 1 and 10 000 bps"
    },
    {
      "code": 6034,
      "name": "invalidHashrateRate",
      "msg": "Hashrate-per-USDT rate must be positive"
    },
    {
      "code": 6035,
      "name": "invalidSettlementGrace",
      "msg": "Settlement grace must be at least twice the staleness bound and at most 7 days"
    },
    {
      "code": 6036,
      "name": "invalidObservationSpacing",
      "msg": "Observation spacing must be between 1 s and the staleness bound"
    },
    {
      "code": 6037,
      "name": "invalidLiquidationConfig",
      "msg": "Liquidation-cover config is out of range"
    },
    {
      "code": 6038,
      "name": "invalidRatioTiers",
      "msg": "Ratio tiers must be 1 to 4, ascending, at most 100 %, ending unbounded"
    },
    {
      "code": 6039,
      "name": "ratioTiersIncreasing",
      "msg": "Compensation ratios must not rise as cumulative usage grows"
    },
    {
      "code": 6040,
      "name": "invalidMarketDecimals",
      "msg": "Market decimals are out of range (size and price decimals at most 12)"
    },
    {
      "code": 6041,
      "name": "quoteDecimalsMismatch",
      "msg": "A market's quote (P&L) decimals must equal the premium mint's decimals"
    },
    {
      "code": 6042,
      "name": "invalidFeedId",
      "msg": "Pyth feed id must not be all zeros"
    },
    {
      "code": 6043,
      "name": "marketInactive",
      "msg": "Market is not active"
    },
    {
      "code": 6044,
      "name": "oracleAccountMismatch",
      "msg": "Oracle account does not belong to this market"
    },
    {
      "code": 6045,
      "name": "oracleWrongOwner",
      "msg": "Oracle account is owned by the wrong program"
    },
    {
      "code": 6046,
      "name": "oracleInvalidData",
      "msg": "Oracle account could not be decoded"
    },
    {
      "code": 6047,
      "name": "oracleFeedMismatch",
      "msg": "Pyth price update is for a different feed"
    },
    {
      "code": 6048,
      "name": "oracleNotFullyVerified",
      "msg": "Pyth price update is not fully verified"
    },
    {
      "code": 6049,
      "name": "priceNotPositive",
      "msg": "Price must be positive"
    },
    {
      "code": 6050,
      "name": "priceConfidenceTooWide",
      "msg": "Price confidence interval is wider than the pool allows"
    },
    {
      "code": 6051,
      "name": "priceStale",
      "msg": "Price is older than the staleness bound"
    },
    {
      "code": 6052,
      "name": "noPriceNearTime",
      "msg": "No guarded price was recorded within the staleness bound of the policy's end; the fallback applies after the settlement grace"
    },
    {
      "code": 6053,
      "name": "publishTimeInFuture",
      "msg": "Publish time is in the future"
    },
    {
      "code": 6054,
      "name": "priceExponentOutOfRange",
      "msg": "Price exponent cannot be represented in the market's decimals"
    },
    {
      "code": 6055,
      "name": "notAuthorityMarket",
      "msg": "Market is not priced by the oracle authority"
    },
    {
      "code": 6056,
      "name": "notPythMarket",
      "msg": "Market is not priced by Pyth"
    },
    {
      "code": 6057,
      "name": "marketHasOpenPositions",
      "msg": "A market's decimals can only change while it has no open positions"
    },
    {
      "code": 6058,
      "name": "observationNotNewer",
      "msg": "Observation is not newer than the feed's latest one"
    },
    {
      "code": 6059,
      "name": "observationTooSoon",
      "msg": "Observation comes sooner after the previous one than the pool's minimum spacing"
    },
    {
      "code": 6060,
      "name": "marketMismatch",
      "msg": "Market account does not match the position"
    },
    {
      "code": 6061,
      "name": "selfReferral",
      "msg": "A wallet cannot refer itself"
    },
    {
      "code": 6062,
      "name": "referrerNotRegistered",
      "msg": "Referrer is not a registered referral node"
    },
    {
      "code": 6063,
      "name": "invalidLevel",
      "msg": "Level is above the pool's level table"
    },
    {
      "code": 6064,
      "name": "levelUnchanged",
      "msg": "The admin-assigned level is already this value"
    },
    {
      "code": 6065,
      "name": "premiumZero",
      "msg": "Premium must be greater than zero"
    },
    {
      "code": 6066,
      "name": "premiumBelowMinimum",
      "msg": "Premium is below the lowest tier"
    },
    {
      "code": 6067,
      "name": "premiumAboveMaximum",
      "msg": "Premium is above the highest tier"
    },
    {
      "code": 6068,
      "name": "premiumBetweenTiers",
      "msg": "Premium falls between two tiers"
    },
    {
      "code": 6069,
      "name": "premiumOffStep",
      "msg": "Premium is not a multiple of its tier's step"
    },
    {
      "code": 6070,
      "name": "traderHasOpenPositions",
      "msg": "Trader has open positions: cover must be bought before opening positions"
    },
    {
      "code": 6071,
      "name": "policyAlreadyActive",
      "msg": "Trader already has an active or compensating policy"
    },
    {
      "code": 6072,
      "name": "zeroSize",
      "msg": "Size must be greater than zero"
    },
    {
      "code": 6073,
      "name": "zeroPrice",
      "msg": "Price must be greater than zero"
    },
    {
      "code": 6074,
      "name": "closeExceedsSize",
      "msg": "Close or liquidation size exceeds the open size"
    },
    {
      "code": 6075,
      "name": "policyAccountRequired",
      "msg": "The trader's active policy (or the position's policy) must be passed"
    },
    {
      "code": 6076,
      "name": "policyAccountMismatch",
      "msg": "Policy account is not the one this trader or position refers to"
    },
    {
      "code": 6077,
      "name": "positionOwnerMismatch",
      "msg": "Position belongs to another trader"
    },
    {
      "code": 6078,
      "name": "eventTimeInFuture",
      "msg": "Venue event time is in the future"
    },
    {
      "code": 6079,
      "name": "eventTimeBeforePrevious",
      "msg": "Venue event time is before the position's previous event"
    },
    {
      "code": 6080,
      "name": "positionTooLarge",
      "msg": "Position notional (size × price) is above the program's bound"
    },
    {
      "code": 6081,
      "name": "exposureAccountRequired",
      "msg": "The policy's exposure account for this market must be passed"
    },
    {
      "code": 6082,
      "name": "exposureMismatch",
      "msg": "Exposure account is not this policy's exposure in this market"
    },
    {
      "code": 6083,
      "name": "policyNotActive",
      "msg": "Policy is not active"
    },
    {
      "code": 6084,
      "name": "policyNotExpired",
      "msg": "Policy window has not ended yet"
    },
    {
      "code": 6085,
      "name": "policyWindowEnded",
      "msg": "Policy window has ended: early settlement is no longer possible"
    },
    {
      "code": 6086,
      "name": "settlementNotOpen",
      "msg": "Settlement opens once the staleness window after the policy's end has closed"
    },
    {
      "code": 6087,
      "name": "settlementAccountsMalformed",
      "msg": "Settlement accounts must come in (policy exposure, mark-price feed) pairs"
    },
    {
      "code": 6088,
      "name": "exposureNotInPolicy",
      "msg": "Exposure does not belong to this policy"
    },
    {
      "code": 6089,
      "name": "exposureAlreadyValued",
      "msg": "Exposure has already been valued"
    },
    {
      "code": 6090,
      "name": "positionNotInPolicy",
      "msg": "Position is not attached to this policy"
    },
    {
      "code": 6091,
      "name": "lossBelowTrigger",
      "msg": "The position's loss is below the policy trigger"
    },
    {
      "code": 6092,
      "name": "policyNotCompensating",
      "msg": "Policy is not awaiting compensation"
    },
    {
      "code": 6093,
      "name": "policyOwnerMismatch",
      "msg": "Account is not the policy owner's"
    },
    {
      "code": 6094,
      "name": "policyIndexMismatch",
      "msg": "Policy index is not the trader's next policy index"
    },
    {
      "code": 6095,
      "name": "liquidationCoverNotOffered",
      "msg": "Market does not offer liquidation cover"
    },
    {
      "code": 6096,
      "name": "leadTraderExcluded",
      "msg": "Lead (elite) traders cannot buy liquidation cover"
    },
    {
      "code": 6097,
      "name": "coverIndexMismatch",
      "msg": "Cover index is not the trader's next cover index"
    },
    {
      "code": 6098,
      "name": "invalidOrder",
      "msg": "Order quantity and margin must be greater than zero"
    },
    {
      "code": 6099,
      "name": "insuredBelowMinimum",
      "msg": "Insured amount is below the minimum"
    },
    {
      "code": 6100,
      "name": "perOrderQuotaExceeded",
      "msg": "Insured amount is above the per-order quota"
    },
    {
      "code": 6101,
      "name": "insuredAboveMargin",
      "msg": "Insured amount exceeds the margin"
    },
    {
      "code": 6102,
      "name": "dailyQuotaExceeded",
      "msg": "Daily liquidation-cover quota exceeded"
    },
    {
      "code": 6103,
      "name": "cumulativeQuotaExceeded",
      "msg": "Cumulative liquidation-cover quota exceeded"
    },
    {
      "code": 6104,
      "name": "oppositeDirectionOngoing",
      "msg": "Cover is ongoing on the opposite side of this market"
    },
    {
      "code": 6105,
      "name": "coverNotOngoing",
      "msg": "Cover is not ongoing"
    },
    {
      "code": 6106,
      "name": "quantityExceedsUnfilled",
      "msg": "Quantity exceeds the order's unfilled quantity"
    },
    {
      "code": 6107,
      "name": "orderHasUnfilledQuantity",
      "msg": "Cancel the order's unfilled quantity first"
    },
    {
      "code": 6108,
      "name": "coverPositionMismatch",
      "msg": "Position does not match the cover's owner, market or side"
    },
    {
      "code": 6109,
      "name": "invalidLiquidationQuantity",
      "msg": "Liquidated quantity must be positive and at most the filled quantity"
    },
    {
      "code": 6110,
      "name": "claimNotUnderReview",
      "msg": "Claim is not under review"
    },
    {
      "code": 6111,
      "name": "reviewDeadlinePassed",
      "msg": "The review deadline has passed: the claim can only be finalised as approved"
    },
    {
      "code": 6112,
      "name": "reviewDeadlineNotReached",
      "msg": "The review deadline has not passed yet"
    },
    {
      "code": 6113,
      "name": "nothingVested",
      "msg": "Nothing has vested that is not already claimed"
    },
    {
      "code": 6114,
      "name": "vaultShortOfFunds",
      "msg": "The reward vault cannot pay this now; it stays owed and can be claimed later"
    },
    {
      "code": 6115,
      "name": "leadTraderUnchanged",
      "msg": "The lead-trader flag already has this value"
    },
    {
      "code": 6116,
      "name": "invalidMiningParams",
      "msg": "Mining parameters are out of range (end time must be in the future, cool-down 0 to 365 days)"
    },
    {
      "code": 6117,
      "name": "unstakeDisabled",
      "msg": "This mining pool does not allow unstaking"
    },
    {
      "code": 6118,
      "name": "unstakeCooldownActive",
      "msg": "The unstake cool-down after the last stake has not passed"
    },
    {
      "code": 6119,
      "name": "insufficientStake",
      "msg": "Amount exceeds the staked balance"
    },
    {
      "code": 6120,
      "name": "withdrawExceedsUnemitted",
      "msg": "Amount exceeds the rewards not yet emitted to miners"
    },
    {
      "code": 6121,
      "name": "uplineCountMismatch",
      "msg": "Wrong number of upline accounts: exactly min(depth, max_depth) are required"
    },
    {
      "code": 6122,
      "name": "uplineNotProgramOwned",
      "msg": "Upline account is not owned by this program"
    },
    {
      "code": 6123,
      "name": "uplineWrongAccountType",
      "msg": "Upline account is not a referral node"
    },
    {
      "code": 6124,
      "name": "uplineLinkMismatch",
      "msg": "Upline account is not the referrer of the previous node"
    },
    {
      "code": 6125,
      "name": "uplineNotWritable",
      "msg": "Upline account must be writable"
    },
    {
      "code": 6126,
      "name": "nothingToClaim",
      "msg": "Nothing to claim"
    },
    {
      "code": 6127,
      "name": "zeroAmount",
      "msg": "Amount must be greater than zero"
    },
    {
      "code": 6128,
      "name": "withdrawExceedsSurplus",
      "msg": "Withdrawal exceeds the vault surplus over what is owed"
    },
    {
      "code": 6129,
      "name": "vaultBelowLiabilities",
      "msg": "The vault would hold less than everything the pool owes and has reserved"
    },
    {
      "code": 6130,
      "name": "insufficientCapacity",
      "msg": "The pool's free capital cannot reserve this cover's worst case: add capital first"
    },
    {
      "code": 6131,
      "name": "policyNotFinished",
      "msg": "Policy is not finished (Completed) yet"
    },
    {
      "code": 6132,
      "name": "policyExposuresOpen",
      "msg": "Close the policy's exposure accounts first"
    },
    {
      "code": 6133,
      "name": "exposureNotFinished",
      "msg": "Exposure is neither valued nor left behind by a finished policy"
    },
    {
      "code": 6134,
      "name": "coverNotFinished",
      "msg": "Cover is not finished: not completed, or a refund or vesting tranche is still owed"
    },
    {
      "code": 6135,
      "name": "marketExposureInUse",
      "msg": "The trader still has ongoing covers on this market"
    },
    {
      "code": 6136,
      "name": "minerNotEmpty",
      "msg": "Miner still has stake or unclaimed rewards"
    },
    {
      "code": 6137,
      "name": "rentRecipientMismatch",
      "msg": "Rent recipient is not the account's original payer"
    },
    {
      "code": 6138,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6139,
      "name": "divisionByZero",
      "msg": "Division by zero"
    },
    {
      "code": 6140,
      "name": "castOverflow",
      "msg": "Numeric conversion out of range"
    }
  ],
  "types": [
    {
      "name": "accumulator",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "accRewardPerShare",
            "type": "u128"
          },
          {
            "name": "lastUpdate",
            "type": "i64"
          },
          {
            "name": "totalStaked",
            "type": "u64"
          },
          {
            "name": "funded",
            "docs": [
              "Rewards ever funded into the reward vault."
            ],
            "type": "u64"
          },
          {
            "name": "emitted",
            "docs": [
              "Rewards ever made claimable through the accumulator (never above `funded`)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "adminProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "proposedAdmin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "adminTransferred",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "oldAdmin",
            "type": "pubkey"
          },
          {
            "name": "newAdmin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "assetClass",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "crypto"
          },
          {
            "name": "commodity"
          },
          {
            "name": "forex"
          },
          {
            "name": "stock"
          },
          {
            "name": "index"
          }
        ]
      }
    },
    {
      "name": "capitalDeposited",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "depositor",
            "type": "pubkey"
          },
          {
            "name": "source",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "totalDeposited",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "claimDecided",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "decidedBy",
            "docs": [
              "The reviewer, or whoever finalised after the deadline."
            ],
            "type": "pubkey"
          },
          {
            "name": "approved",
            "type": "bool"
          },
          {
            "name": "byTimeout",
            "type": "bool"
          },
          {
            "name": "usedAfter",
            "type": "u64"
          },
          {
            "name": "ratioBps",
            "type": "u16"
          },
          {
            "name": "compensation",
            "docs": [
              "`min(compensation at the current ratio and multiplier, the claim's cap)`."
            ],
            "type": "u64"
          },
          {
            "name": "vestingStart",
            "type": "i64"
          },
          {
            "name": "vestingDays",
            "type": "u16"
          },
          {
            "name": "claimCapReleased",
            "docs": [
              "The claim's cap, taken out of `claims_under_review` (the compensation moves to vesting)."
            ],
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "commissionClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "referralNode",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "totalClaimed",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "commissionShare",
      "docs": [
        "One upline's part of a purchase: what it earned and how its team volume and level moved."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "referralNode",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "level",
            "docs": [
              "Effective level used for the rate (before this purchase's volume is added)."
            ],
            "type": "u8"
          },
          {
            "name": "rateBps",
            "type": "u16"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "teamVolumeAfter",
            "type": "u64"
          },
          {
            "name": "levelAfter",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "compensationIssued",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "creditAccount",
            "type": "pubkey"
          },
          {
            "name": "loss",
            "type": "u64"
          },
          {
            "name": "trigger",
            "type": "u64"
          },
          {
            "name": "payout",
            "type": "u64"
          },
          {
            "name": "credits",
            "docs": [
              "Hashrate credits owed to the owner (the payout at the purchase's conversion rate)."
            ],
            "type": "u64"
          },
          {
            "name": "deferred",
            "docs": [
              "The credit account could not receive them (e.g. its owner was reassigned): they wait in",
              "the owner's user account for `claim_credits`."
            ],
            "type": "bool"
          },
          {
            "name": "rebates",
            "type": {
              "vec": {
                "defined": {
                  "name": "rebateShare"
                }
              }
            }
          },
          {
            "name": "cutAt",
            "type": {
              "option": "u8"
            }
          },
          {
            "name": "totalRebates",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "configUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "oldConfig",
            "type": {
              "defined": {
                "name": "poolConfig"
              }
            }
          },
          {
            "name": "newConfig",
            "type": {
              "defined": {
                "name": "poolConfig"
              }
            }
          }
        ]
      }
    },
    {
      "name": "coverClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "insured",
            "type": "u64"
          },
          {
            "name": "reserveReleased",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "coverOutcome",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "name": "paid"
          },
          {
            "name": "closedNoLiquidation"
          },
          {
            "name": "rejected"
          },
          {
            "name": "cancelled"
          }
        ]
      }
    },
    {
      "name": "coverStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "ongoing"
          },
          {
            "name": "underReview"
          },
          {
            "name": "completed"
          }
        ]
      }
    },
    {
      "name": "creditsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "credits",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "exposureDecimals",
      "docs": [
        "Decimals of the market an exposure was opened in, fixed at the first attached position."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "base",
            "type": "u8"
          },
          {
            "name": "quote",
            "type": "u8"
          },
          {
            "name": "price",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "exposureValuation",
      "docs": [
        "One market of a policy valued at settlement."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "exposure",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "netSize",
            "type": "i128"
          },
          {
            "name": "netEntryValue",
            "type": "i128"
          },
          {
            "name": "markSource",
            "type": {
              "defined": {
                "name": "markSource"
              }
            }
          },
          {
            "name": "markPrice",
            "type": "u64"
          },
          {
            "name": "markPublishTime",
            "type": "i64"
          },
          {
            "name": "unrealizedPnl",
            "type": "i128"
          }
        ]
      }
    },
    {
      "name": "exposuresValued",
      "docs": [
        "A batch of `settle_policy`: the markets it valued and the policy's progress."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "valuations",
            "type": {
              "vec": {
                "defined": {
                  "name": "exposureValuation"
                }
              }
            }
          },
          {
            "name": "exposuresValued",
            "type": "u32"
          },
          {
            "name": "exposures",
            "type": "u32"
          },
          {
            "name": "unrealizedPnl",
            "docs": [
              "Sum over every exposure valued so far."
            ],
            "type": "i128"
          }
        ]
      }
    },
    {
      "name": "fillState",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "pending"
          },
          {
            "name": "partiallyFilled"
          },
          {
            "name": "filled"
          }
        ]
      }
    },
    {
      "name": "initializePoolArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "roles",
            "type": {
              "defined": {
                "name": "poolRoles"
              }
            }
          },
          {
            "name": "config",
            "type": {
              "defined": {
                "name": "poolConfig"
              }
            }
          },
          {
            "name": "levels",
            "type": {
              "vec": {
                "defined": {
                  "name": "level"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "insuredAmount",
      "docs": [
        "How the trader states the insured amount."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "amount",
            "fields": [
              "u64"
            ]
          },
          {
            "name": "marginRatio",
            "fields": [
              "u16"
            ]
          }
        ]
      }
    },
    {
      "name": "leadTraderSet",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "isLeadTrader",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "level",
      "docs": [
        "One row of the referral level table. Level `i` is row `i`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minTeamVolume",
            "docs": [
              "Team volume (premium base units) at which a node reaches this level automatically."
            ],
            "type": "u64"
          },
          {
            "name": "commissionBps",
            "docs": [
              "Differential commission on premiums, in bps."
            ],
            "type": "u16"
          },
          {
            "name": "rebateBps",
            "docs": [
              "Differential rebate on compensation, in bps."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "levelAssigned",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "referralNode",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "oldAssignedLevel",
            "type": "u8"
          },
          {
            "name": "newAssignedLevel",
            "type": "u8"
          },
          {
            "name": "effectiveLevel",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "levelsUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "oldLevels",
            "type": {
              "vec": {
                "defined": {
                  "name": "level"
                }
              }
            }
          },
          {
            "name": "newLevels",
            "type": {
              "vec": {
                "defined": {
                  "name": "level"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "liabilities",
      "docs": [
        "What the vault owes or has promised, in premium base units. The vault must always hold at",
        "least the sum (SPEC §7); each payment comes out of its own line."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "commissionOwed",
            "docs": [
              "Referral commission accrued on nodes and not yet claimed."
            ],
            "type": "u64"
          },
          {
            "name": "refundsOwed",
            "docs": [
              "Liquidation-cover cancellation refunds credited and not yet paid out."
            ],
            "type": "u64"
          },
          {
            "name": "vestingOwed",
            "docs": [
              "Approved liquidation compensation not yet claimed (vested or not)."
            ],
            "type": "u64"
          },
          {
            "name": "claimsUnderReview",
            "docs": [
              "Most the claims under review can still be approved for (each capped by its reserve)."
            ],
            "type": "u64"
          },
          {
            "name": "coversReserved",
            "docs": [
              "Worst case of every Ongoing liquidation cover, reserved when it was sold."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "liquidationConfig",
      "docs": [
        "Liquidation-cover parameters (SPEC §5)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minInsured",
            "docs": [
              "Smallest insured amount per order."
            ],
            "type": "u64"
          },
          {
            "name": "maxInsured",
            "docs": [
              "Per-order quota: largest insured amount per order."
            ],
            "type": "u64"
          },
          {
            "name": "dailyQuota",
            "docs": [
              "Insured amount a trader may buy per local day."
            ],
            "type": "u64"
          },
          {
            "name": "cumulativeQuota",
            "docs": [
              "Insured amount a trader may buy in total."
            ],
            "type": "u64"
          },
          {
            "name": "dayOffsetSeconds",
            "docs": [
              "Local day boundary: seconds east of UTC (UTC+8 = 28 800)."
            ],
            "type": "i32"
          },
          {
            "name": "reviewWindow",
            "docs": [
              "How long the reviewer has to decide a claim."
            ],
            "type": "i64"
          },
          {
            "name": "compensationMultiplierBps",
            "docs": [
              "`compensation = multiplier × ratio × covered loss`, in bps (20 000 = 2×)."
            ],
            "type": "u32"
          },
          {
            "name": "ratioTiers",
            "docs": [
              "Ascending `max_used` thresholds; the last one must be unbounded (`u64::MAX`)."
            ],
            "type": {
              "vec": {
                "defined": {
                  "name": "ratioTier"
                }
              }
            }
          },
          {
            "name": "vestingDays",
            "docs": [
              "Number of daily vesting tranches."
            ],
            "type": "u16"
          },
          {
            "name": "vestingStartOffset",
            "docs": [
              "Vesting starts this many seconds after local midnight of the day after the liquidation."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "liquidationCover",
      "docs": [
        "Per-order liquidation cover."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "index",
            "docs": [
              "Index among the owner's covers (PDA seed)."
            ],
            "type": "u64"
          },
          {
            "name": "orderId",
            "docs": [
              "The venue's order id."
            ],
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "orderQty",
            "type": "u64"
          },
          {
            "name": "filledQty",
            "type": "u64"
          },
          {
            "name": "cancelledQty",
            "type": "u64"
          },
          {
            "name": "orderMargin",
            "docs": [
              "Margin of the order as placed."
            ],
            "type": "u64"
          },
          {
            "name": "margin",
            "docs": [
              "Margin of the order, reduced pro rata by cancellations."
            ],
            "type": "u64"
          },
          {
            "name": "insuredBought",
            "docs": [
              "Insured amount bought with the order."
            ],
            "type": "u64"
          },
          {
            "name": "insured",
            "docs": [
              "Insured amount still at risk (bought minus the cancelled share)."
            ],
            "type": "u64"
          },
          {
            "name": "reserveBought",
            "docs": [
              "The reserve taken when the cover was sold: its worst case (see `math::solvency`)."
            ],
            "type": "u64"
          },
          {
            "name": "reserved",
            "docs": [
              "What the pool still holds in reserve for this cover: while Ongoing, what is left of",
              "`reserve_bought`; under review, the most the claim can be approved for; then 0."
            ],
            "type": "u64"
          },
          {
            "name": "refundOwed",
            "docs": [
              "Cancellation refunds credited and not yet paid out (paid with `claim_refund`)."
            ],
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "coverStatus"
              }
            }
          },
          {
            "name": "outcome",
            "type": {
              "defined": {
                "name": "coverOutcome"
              }
            }
          },
          {
            "name": "position",
            "docs": [
              "The position the order's fills opened or increased."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "liquidatedAt",
            "type": "i64"
          },
          {
            "name": "liquidatedQty",
            "type": "u64"
          },
          {
            "name": "liquidationLoss",
            "type": "u64"
          },
          {
            "name": "reviewDeadline",
            "type": "i64"
          },
          {
            "name": "approvedByTimeout",
            "docs": [
              "Approved without a review once the deadline passed."
            ],
            "type": "bool"
          },
          {
            "name": "ratioBps",
            "type": "u16"
          },
          {
            "name": "compensation",
            "type": "u64"
          },
          {
            "name": "vestingStart",
            "type": "i64"
          },
          {
            "name": "vestingDays",
            "type": "u16"
          },
          {
            "name": "vestedClaimed",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "liquidationCoverArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "orderId",
            "docs": [
              "The venue's order id."
            ],
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "orderQty",
            "type": "u64"
          },
          {
            "name": "margin",
            "type": "u64"
          },
          {
            "name": "insured",
            "type": {
              "defined": {
                "name": "insuredAmount"
              }
            }
          }
        ]
      }
    },
    {
      "name": "liquidationCoverBought",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "index",
            "type": "u64"
          },
          {
            "name": "orderId",
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "orderQty",
            "type": "u64"
          },
          {
            "name": "margin",
            "type": "u64"
          },
          {
            "name": "insured",
            "type": "u64"
          },
          {
            "name": "reserved",
            "docs": [
              "Worst case reserved for the cover (`max(insured, multiplier × top ratio × insured)`)."
            ],
            "type": "u64"
          },
          {
            "name": "day",
            "docs": [
              "Local day of the purchase and the trader's quota use after it."
            ],
            "type": "i64"
          },
          {
            "name": "dayTotal",
            "type": "u64"
          },
          {
            "name": "cumulative",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "liquidationCoverClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "rentRecipient",
            "type": "pubkey"
          },
          {
            "name": "lamports",
            "type": "u64"
          },
          {
            "name": "finalState",
            "type": {
              "defined": {
                "name": "liquidationCover"
              }
            }
          }
        ]
      }
    },
    {
      "name": "liquidationReported",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "liquidatedQty",
            "type": "u64"
          },
          {
            "name": "openQty",
            "type": "u64"
          },
          {
            "name": "loss",
            "type": "u64"
          },
          {
            "name": "margin",
            "type": "u64"
          },
          {
            "name": "insured",
            "type": "u64"
          },
          {
            "name": "reviewDeadline",
            "type": "i64"
          },
          {
            "name": "claimCap",
            "docs": [
              "The most the claim can be approved for: `min(compensation now, the cover's reserve)`."
            ],
            "type": "u64"
          },
          {
            "name": "reserveReleased",
            "docs": [
              "The rest of the cover's reserve, released."
            ],
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "markPriceFeed",
      "docs": [
        "Every mark price the program uses for a market, recorded in publish-time order: the oracle",
        "authority's posts (`post_mark_price`) or verified Pyth updates anyone records",
        "(`record_pyth_price`). A ring buffer of the newest `MARK_PRICE_HISTORY`; `evicted_until` says",
        "how far back it is complete."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "priceDecimals",
            "docs": [
              "Decimals of every observation's price and confidence (the market's price decimals; a",
              "correction of the market's decimals rescales the ring)."
            ],
            "type": "u8"
          },
          {
            "name": "nextSlot",
            "docs": [
              "Slot the next observation is written to."
            ],
            "type": "u8"
          },
          {
            "name": "recorded",
            "docs": [
              "Observations ever recorded."
            ],
            "type": "u64"
          },
          {
            "name": "evictedUntil",
            "docs": [
              "Publish time of the newest observation that was overwritten (0: none yet). Every",
              "observation published after it is still in the ring."
            ],
            "type": "i64"
          },
          {
            "name": "observations",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "priceObservation"
                  }
                },
                128
              ]
            }
          }
        ]
      }
    },
    {
      "name": "markPriceRecorded",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "source",
            "type": {
              "defined": {
                "name": "observationSource"
              }
            }
          },
          {
            "name": "price",
            "docs": [
              "Price and confidence in the market's price decimals."
            ],
            "type": "i64"
          },
          {
            "name": "conf",
            "type": "u64"
          },
          {
            "name": "publishTime",
            "type": "i64"
          },
          {
            "name": "recordedAt",
            "type": "i64"
          },
          {
            "name": "correction",
            "docs": [
              "A correction of the latest observation (same publish time) by the oracle authority."
            ],
            "type": "bool"
          },
          {
            "name": "evictedUntil",
            "docs": [
              "The feed is complete for publish times after this (0: nothing evicted yet)."
            ],
            "type": "i64"
          },
          {
            "name": "priceUpdate",
            "docs": [
              "The Pyth update account it was read from (default key for authority posts)."
            ],
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "markSource",
      "docs": [
        "How the mark a market was valued at was chosen (see `oracle::selection`)."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "none"
          },
          {
            "name": "canonical"
          },
          {
            "name": "fallback"
          },
          {
            "name": "noPrice"
          },
          {
            "name": "notNeeded"
          }
        ]
      }
    },
    {
      "name": "market",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "marketId",
            "type": "u16"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "marketParams"
              }
            }
          },
          {
            "name": "markPriceFeed",
            "docs": [
              "The market's `MarkPriceFeed` PDA: every mark price the program uses is recorded there."
            ],
            "type": "pubkey"
          },
          {
            "name": "openPositions",
            "docs": [
              "Reported positions with size > 0 (decimals can change only while this is zero)."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "marketAdded",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marketId",
            "type": "u16"
          },
          {
            "name": "markPriceFeed",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "marketParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "marketExposure",
      "docs": [
        "A trader's ongoing liquidation covers on one market: all on the same side."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "ongoing",
            "docs": [
              "Covers on this market in the Ongoing status."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "marketExposureClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "exposure",
            "type": "pubkey"
          },
          {
            "name": "rentRecipient",
            "type": "pubkey"
          },
          {
            "name": "lamports",
            "type": "u64"
          },
          {
            "name": "finalState",
            "type": {
              "defined": {
                "name": "marketExposure"
              }
            }
          }
        ]
      }
    },
    {
      "name": "marketParams",
      "docs": [
        "Market parameters set by the admin."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "symbol",
            "docs": [
              "Display symbol, UTF-8, zero padded (for explorers and reports)."
            ],
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          },
          {
            "name": "assetClass",
            "type": {
              "defined": {
                "name": "assetClass"
              }
            }
          },
          {
            "name": "baseDecimals",
            "docs": [
              "Decimals of position size (base asset)."
            ],
            "type": "u8"
          },
          {
            "name": "quoteDecimals",
            "docs": [
              "Decimals of P&L (quote asset): must equal the premium mint's decimals, since P&L is",
              "compared with triggers and payouts in premium units."
            ],
            "type": "u8"
          },
          {
            "name": "priceDecimals",
            "docs": [
              "Decimals of prices stored and compared on-chain."
            ],
            "type": "u8"
          },
          {
            "name": "oracle",
            "type": {
              "defined": {
                "name": "oracleSource"
              }
            }
          },
          {
            "name": "liquidationCover",
            "docs": [
              "Whether per-order liquidation cover is offered on this market."
            ],
            "type": "bool"
          },
          {
            "name": "active",
            "docs": [
              "Inactive markets accept no new positions or cover."
            ],
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "marketUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "marketId",
            "type": "u16"
          },
          {
            "name": "oldParams",
            "type": {
              "defined": {
                "name": "marketParams"
              }
            }
          },
          {
            "name": "newParams",
            "type": {
              "defined": {
                "name": "marketParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "miner",
      "docs": [
        "One wallet's stake in a mining pool."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "staked",
            "type": "u64"
          },
          {
            "name": "rewardDebt",
            "docs": [
              "`staked × acc_reward_per_share / 10^12` at the last change (rounded up)."
            ],
            "type": "u128"
          },
          {
            "name": "pending",
            "docs": [
              "Rewards accrued and not yet claimed."
            ],
            "type": "u64"
          },
          {
            "name": "claimed",
            "type": "u64"
          },
          {
            "name": "lastStakedAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "minerClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "miner",
            "type": "pubkey"
          },
          {
            "name": "rentRecipient",
            "type": "pubkey"
          },
          {
            "name": "lamports",
            "type": "u64"
          },
          {
            "name": "finalState",
            "type": {
              "defined": {
                "name": "miner"
              }
            }
          },
          {
            "name": "accumulator",
            "docs": [
              "The mining pool's accumulator, settled to now by the closing."
            ],
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          }
        ]
      }
    },
    {
      "name": "miningParams",
      "docs": [
        "Emission and unstaking rules of a mining pool, set by the admin."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rewardPerSecond",
            "docs": [
              "Reward base units emitted per second, shared pro rata to stake."
            ],
            "type": "u64"
          },
          {
            "name": "endTime",
            "docs": [
              "Emission stops at this time, if set."
            ],
            "type": {
              "option": "i64"
            }
          },
          {
            "name": "unstakeAllowed",
            "type": "bool"
          },
          {
            "name": "unstakeCooldown",
            "docs": [
              "Seconds after a miner's last stake before it may unstake."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "miningParamsUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "oldParams",
            "type": {
              "defined": {
                "name": "miningParams"
              }
            }
          },
          {
            "name": "newParams",
            "type": {
              "defined": {
                "name": "miningParams"
              }
            }
          },
          {
            "name": "settledEmission",
            "docs": [
              "Emitted at the old rate when settling before the change."
            ],
            "type": "u64"
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          }
        ]
      }
    },
    {
      "name": "miningPool",
      "docs": [
        "The mining pool of an insurance pool: hashrate credits are staked and earn a reward token.",
        "The mining-pool PDA owns both vaults."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "stakeMint",
            "docs": [
              "The insurance pool's hashrate-credit mint."
            ],
            "type": "pubkey"
          },
          {
            "name": "stakeVault",
            "type": "pubkey"
          },
          {
            "name": "stakeVaultBump",
            "type": "u8"
          },
          {
            "name": "rewardMint",
            "type": "pubkey"
          },
          {
            "name": "rewardDecimals",
            "type": "u8"
          },
          {
            "name": "rewardVault",
            "type": "pubkey"
          },
          {
            "name": "rewardVaultBump",
            "type": "u8"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "miningParams"
              }
            }
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          },
          {
            "name": "claimed",
            "docs": [
              "Rewards paid out to miners."
            ],
            "type": "u64"
          },
          {
            "name": "miners",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "miningPoolInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "stakeMint",
            "type": "pubkey"
          },
          {
            "name": "stakeVault",
            "type": "pubkey"
          },
          {
            "name": "rewardMint",
            "type": "pubkey"
          },
          {
            "name": "rewardVault",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "miningParams"
              }
            }
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          }
        ]
      }
    },
    {
      "name": "observationSource",
      "docs": [
        "Where a recorded mark price came from."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "authority"
          },
          {
            "name": "pyth"
          }
        ]
      }
    },
    {
      "name": "openPositionArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "size",
            "type": "u64"
          },
          {
            "name": "entryPrice",
            "type": "u64"
          },
          {
            "name": "margin",
            "type": "u64"
          },
          {
            "name": "openedAt",
            "docs": [
              "Venue time of the open (not after now)."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "oracleGuards",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxStaleness",
            "docs": [
              "Seconds a price may be away from the time it stands for."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "oracleSource",
      "docs": [
        "Where a market's mark price comes from."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "pyth",
            "fields": [
              {
                "name": "feedId",
                "type": {
                  "array": [
                    "u8",
                    32
                  ]
                }
              }
            ]
          },
          {
            "name": "authority"
          }
        ]
      }
    },
    {
      "name": "orderCancelled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "cancelledQty",
            "type": "u64"
          },
          {
            "name": "totalCancelled",
            "type": "u64"
          },
          {
            "name": "orderQty",
            "type": "u64"
          },
          {
            "name": "refund",
            "type": "u64"
          },
          {
            "name": "refundPaid",
            "docs": [
              "Paid at once to the trader's account; otherwise owed and claimable with `claim_refund`."
            ],
            "type": "bool"
          },
          {
            "name": "reserveReleased",
            "docs": [
              "Reserve released by the cancellation (the refund comes out of it)."
            ],
            "type": "u64"
          },
          {
            "name": "insuredRemaining",
            "type": "u64"
          },
          {
            "name": "marginRemaining",
            "docs": [
              "The order's margin left after the cancellation (cut pro rata like the insured amount)."
            ],
            "type": "u64"
          },
          {
            "name": "reservedRemaining",
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "coverStatus"
              }
            }
          },
          {
            "name": "outcome",
            "type": {
              "defined": {
                "name": "coverOutcome"
              }
            }
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "orderFilled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "fillQty",
            "type": "u64"
          },
          {
            "name": "filledQty",
            "type": "u64"
          },
          {
            "name": "orderQty",
            "type": "u64"
          },
          {
            "name": "fillState",
            "type": {
              "defined": {
                "name": "fillState"
              }
            }
          }
        ]
      }
    },
    {
      "name": "pauseChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "paused",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "policy",
      "docs": [
        "A 24 h loss-cover policy."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "index",
            "docs": [
              "Index among the owner's policies (PDA seed)."
            ],
            "type": "u64"
          },
          {
            "name": "terms",
            "type": {
              "defined": {
                "name": "policyTerms"
              }
            }
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "policyStatus"
              }
            }
          },
          {
            "name": "outcome",
            "type": {
              "defined": {
                "name": "policyOutcome"
              }
            }
          },
          {
            "name": "openPositions",
            "docs": [
              "Attached positions with size > 0, as of the latest report that counted."
            ],
            "type": "u32"
          },
          {
            "name": "exposures",
            "docs": [
              "Markets with attached positions (one `PolicyExposure` account each)."
            ],
            "type": "u32"
          },
          {
            "name": "exposuresValued",
            "docs": [
              "Exposures valued by settlement so far; the policy is decided when all are."
            ],
            "type": "u32"
          },
          {
            "name": "exposuresClosed",
            "docs": [
              "Exposure accounts closed so far (the policy can close once all are)."
            ],
            "type": "u32"
          },
          {
            "name": "fallbackMarks",
            "docs": [
              "Exposures valued at a fallback mark (no guarded price near `end`)."
            ],
            "type": "u32"
          },
          {
            "name": "realizedPnl",
            "docs": [
              "Realized P&L of attached positions inside the window, net of fees."
            ],
            "type": "i128"
          },
          {
            "name": "unrealizedPnl",
            "docs": [
              "Unrealized P&L at settlement: the sum over valued exposures (one position when early)."
            ],
            "type": "i128"
          },
          {
            "name": "largestClosedLoss",
            "docs": [
              "Largest realized loss of a single attached position that was fully closed in the window."
            ],
            "type": "u64"
          },
          {
            "name": "largestClosedLossPosition",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "settlement",
            "type": {
              "defined": {
                "name": "settlementKind"
              }
            }
          },
          {
            "name": "settledAt",
            "type": "i64"
          },
          {
            "name": "loss",
            "docs": [
              "Loss the settlement found (the whole policy at expiry, one position when early)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "policyClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "rentRecipient",
            "type": "pubkey"
          },
          {
            "name": "lamports",
            "type": "u64"
          },
          {
            "name": "finalState",
            "type": {
              "defined": {
                "name": "policy"
              }
            }
          }
        ]
      }
    },
    {
      "name": "policyExposure",
      "docs": [
        "A policy's positions in one market, kept as sums (`Σ dir × size`, `Σ dir × size × entry`) by",
        "every report that counts, so settlement values the whole market with one mark and needs no",
        "position accounts: however many positions the window had, settlement passes one exposure per",
        "market. Created by the reporter with the first attached position in the market; closed",
        "(rent back to that reporter) once valued or once the policy finished without it."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "markPriceFeed",
            "type": "pubkey"
          },
          {
            "name": "rentPayer",
            "docs": [
              "Who paid the rent (gets it back on close)."
            ],
            "type": "pubkey"
          },
          {
            "name": "decimals",
            "type": {
              "defined": {
                "name": "exposureDecimals"
              }
            }
          },
          {
            "name": "openPositions",
            "docs": [
              "Attached positions in this market with size > 0."
            ],
            "type": "u32"
          },
          {
            "name": "positions",
            "docs": [
              "Attached positions ever opened in this market."
            ],
            "type": "u32"
          },
          {
            "name": "netSize",
            "type": "i128"
          },
          {
            "name": "netEntryValue",
            "type": "i128"
          },
          {
            "name": "valued",
            "type": "bool"
          },
          {
            "name": "markSource",
            "type": {
              "defined": {
                "name": "markSource"
              }
            }
          },
          {
            "name": "markPrice",
            "type": "u64"
          },
          {
            "name": "markPublishTime",
            "type": "i64"
          },
          {
            "name": "unrealizedPnl",
            "type": "i128"
          }
        ]
      }
    },
    {
      "name": "policyExposureClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "exposure",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "rentRecipient",
            "type": "pubkey"
          },
          {
            "name": "lamports",
            "type": "u64"
          },
          {
            "name": "valued",
            "type": "bool"
          },
          {
            "name": "unrealizedPnl",
            "type": "i128"
          }
        ]
      }
    },
    {
      "name": "policyOutcome",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "name": "expired"
          },
          {
            "name": "paid"
          },
          {
            "name": "void"
          }
        ]
      }
    },
    {
      "name": "policyPurchased",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "index",
            "type": "u64"
          },
          {
            "name": "tier",
            "type": "u8"
          },
          {
            "name": "terms",
            "docs": [
              "Premium, trigger, payout, credits, window and mark guards: fixed for the policy's life."
            ],
            "type": {
              "defined": {
                "name": "policyTerms"
              }
            }
          },
          {
            "name": "commissions",
            "docs": [
              "Uplines in walk order (direct referrer first)."
            ],
            "type": {
              "vec": {
                "defined": {
                  "name": "commissionShare"
                }
              }
            }
          },
          {
            "name": "cutAt",
            "docs": [
              "Walk index where the same-level cut stopped commission, if it did."
            ],
            "type": {
              "option": "u8"
            }
          },
          {
            "name": "totalCommission",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "policySettled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "kind",
            "type": {
              "defined": {
                "name": "settlementKind"
              }
            }
          },
          {
            "name": "end",
            "type": "i64"
          },
          {
            "name": "settledAt",
            "type": "i64"
          },
          {
            "name": "exposures",
            "docs": [
              "Markets valued (at expiry; each in an `ExposuresValued` event)."
            ],
            "type": "u32"
          },
          {
            "name": "fallbackMarks",
            "docs": [
              "Of those, valued at a fallback mark."
            ],
            "type": "u32"
          },
          {
            "name": "earlyValuation",
            "docs": [
              "Early settlement on an open position: its valuation at the fresh mark."
            ],
            "type": {
              "option": {
                "defined": {
                  "name": "positionValuation"
                }
              }
            }
          },
          {
            "name": "closedPositionId",
            "docs": [
              "For an early settlement on a position that was already closed, its id."
            ],
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "realizedPnl",
            "type": "i128"
          },
          {
            "name": "unrealizedPnl",
            "type": "i128"
          },
          {
            "name": "loss",
            "type": "u64"
          },
          {
            "name": "trigger",
            "type": "u64"
          },
          {
            "name": "payout",
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "policyStatus"
              }
            }
          },
          {
            "name": "outcome",
            "type": {
              "defined": {
                "name": "policyOutcome"
              }
            }
          }
        ]
      }
    },
    {
      "name": "policyStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "active"
          },
          {
            "name": "compensating"
          },
          {
            "name": "completed"
          }
        ]
      }
    },
    {
      "name": "policyTerms",
      "docs": [
        "Everything that decides what a policy pays, fixed when it is sold (config changes after the",
        "purchase never reach a sold policy)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "premium",
            "type": "u64"
          },
          {
            "name": "trigger",
            "docs": [
              "Loss at or above which the policy pays."
            ],
            "type": "u64"
          },
          {
            "name": "payout",
            "docs": [
              "Compensation value in premium base units."
            ],
            "type": "u64"
          },
          {
            "name": "payoutCredits",
            "docs": [
              "Hashrate credits the payout mints (at the purchase's conversion rate)."
            ],
            "type": "u64"
          },
          {
            "name": "start",
            "type": "i64"
          },
          {
            "name": "end",
            "type": "i64"
          },
          {
            "name": "markGuards",
            "docs": [
              "Staleness and confidence bounds of the marks this policy is valued at."
            ],
            "type": {
              "defined": {
                "name": "oracleGuards"
              }
            }
          },
          {
            "name": "settlementGrace",
            "docs": [
              "Seconds after `end` from which the fallback mark applies."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "policyVoided",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "policy",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "position",
            "docs": [
              "The position whose venue open time precedes the policy's start."
            ],
            "type": "pubkey"
          },
          {
            "name": "positionOpenedAt",
            "type": "i64"
          },
          {
            "name": "start",
            "type": "i64"
          },
          {
            "name": "premium",
            "docs": [
              "Not refunded: cover bought while holding a position is void (see README)."
            ],
            "type": "u64"
          },
          {
            "name": "voidedAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "pool",
      "docs": [
        "One insurance pool per premium mint. The pool PDA is the vault's token authority and the",
        "hashrate-credit mint authority."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "creditMintBump",
            "type": "u8"
          },
          {
            "name": "paused",
            "docs": [
              "Pause stops new purchases only; settlement, claims and refunds keep working."
            ],
            "type": "bool"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "docs": [
              "Set by `propose_admin`, cleared by `accept_admin`."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "roles",
            "type": {
              "defined": {
                "name": "poolRoles"
              }
            }
          },
          {
            "name": "premiumMint",
            "type": "pubkey"
          },
          {
            "name": "premiumDecimals",
            "type": "u8"
          },
          {
            "name": "tokenProgram",
            "docs": [
              "SPL Token or Token-2022; the credit mint uses the same program."
            ],
            "type": "pubkey"
          },
          {
            "name": "vault",
            "docs": [
              "Associated token account of the pool PDA for the premium mint."
            ],
            "type": "pubkey"
          },
          {
            "name": "creditMint",
            "docs": [
              "Hashrate-credit mint (PDA, decimals = premium decimals, authority = pool PDA)."
            ],
            "type": "pubkey"
          },
          {
            "name": "config",
            "type": {
              "defined": {
                "name": "poolConfig"
              }
            }
          },
          {
            "name": "levels",
            "docs": [
              "Level table, row `i` = level `i`."
            ],
            "type": {
              "vec": {
                "defined": {
                  "name": "level"
                }
              }
            }
          },
          {
            "name": "liabilities",
            "type": {
              "defined": {
                "name": "liabilities"
              }
            }
          },
          {
            "name": "solvency",
            "type": {
              "defined": {
                "name": "solvency"
              }
            }
          },
          {
            "name": "totals",
            "type": {
              "defined": {
                "name": "poolTotals"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolBooks",
      "docs": [
        "The pool's books after an instruction that moved money or promises: the vault balance and",
        "every liability line. An auditor replays the deltas of the events and checks them against",
        "these snapshots and, at the end, against the pool account and the vault."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "vaultBalance",
            "type": "u64"
          },
          {
            "name": "liabilities",
            "type": {
              "defined": {
                "name": "liabilities"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolConfig",
      "docs": [
        "Loss-cover and referral parameters."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tiers",
            "docs": [
              "Ascending, non-overlapping premium tiers."
            ],
            "type": {
              "vec": {
                "defined": {
                  "name": "premiumTier"
                }
              }
            }
          },
          {
            "name": "triggerMultiplier",
            "docs": [
              "`trigger = premium × trigger_multiplier`."
            ],
            "type": "u32"
          },
          {
            "name": "payoutRatioBps",
            "docs": [
              "`payout = trigger × payout_ratio_bps / 10 000`."
            ],
            "type": "u16"
          },
          {
            "name": "policyDuration",
            "docs": [
              "Length of a policy window in seconds."
            ],
            "type": "i64"
          },
          {
            "name": "maxDepth",
            "docs": [
              "Uplines walked per purchase or compensation (hard cap 20)."
            ],
            "type": "u8"
          },
          {
            "name": "sameLevelCut",
            "docs": [
              "Stop the commission walk at the first node whose rate equals the best rate paid below it."
            ],
            "type": "bool"
          },
          {
            "name": "directBonusBps",
            "docs": [
              "Extra share of a compensation credited to the direct referrer, in bps."
            ],
            "type": "u16"
          },
          {
            "name": "hashratePerUsdtBps",
            "docs": [
              "Credits minted per USDT of payout, in bps (10 000 = one credit base unit per USDT base unit)."
            ],
            "type": "u32"
          },
          {
            "name": "maxPriceStaleness",
            "docs": [
              "Oracle staleness bound in seconds."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfBps",
            "docs": [
              "Largest accepted `conf / price`, in bps."
            ],
            "type": "u16"
          },
          {
            "name": "settlementGrace",
            "docs": [
              "Seconds after a policy's end from which a market without a guarded mark near the end may",
              "be valued at the fallback mark (see `oracle::selection`), so every policy settles in",
              "bounded time. At least twice the staleness bound."
            ],
            "type": "u32"
          },
          {
            "name": "minObservationSpacing",
            "docs": [
              "Least time between two recorded observations of a market's feed. Bounds how fast the ring",
              "buffer can be cycled, so the prices around a policy's end stay on chain long enough."
            ],
            "type": "u32"
          },
          {
            "name": "liquidation",
            "docs": [
              "Liquidation-cover parameters."
            ],
            "type": {
              "defined": {
                "name": "liquidationConfig"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "premiumMint",
            "type": "pubkey"
          },
          {
            "name": "tokenProgram",
            "type": "pubkey"
          },
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "creditMint",
            "type": "pubkey"
          },
          {
            "name": "roles",
            "type": {
              "defined": {
                "name": "poolRoles"
              }
            }
          },
          {
            "name": "config",
            "type": {
              "defined": {
                "name": "poolConfig"
              }
            }
          },
          {
            "name": "levels",
            "type": {
              "vec": {
                "defined": {
                  "name": "level"
                }
              }
            }
          },
          {
            "name": "vaultBalance",
            "docs": [
              "Tokens already in the vault when the pool was created (someone may create and fund the",
              "pool's associated token account first); they count as capital."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "poolRoles",
      "docs": [
        "Keys of the non-admin roles. Each is a separate signer."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "reporter",
            "docs": [
              "The venue's risk engine: reports fills, closes, liquidations, cancels."
            ],
            "type": "pubkey"
          },
          {
            "name": "oracleAuthority",
            "docs": [
              "Posts mark prices for markets whose oracle source is `Authority`."
            ],
            "type": "pubkey"
          },
          {
            "name": "reviewer",
            "docs": [
              "Approves or rejects liquidation-cover claims."
            ],
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "poolTotals",
      "docs": [
        "Running totals an auditor can reconcile against events and token balances."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "usersRegistered",
            "type": "u64"
          },
          {
            "name": "markets",
            "type": "u16"
          },
          {
            "name": "policiesSold",
            "type": "u64"
          },
          {
            "name": "premiumsCollected",
            "type": "u64"
          },
          {
            "name": "commissionAccrued",
            "type": "u64"
          },
          {
            "name": "commissionClaimed",
            "type": "u64"
          },
          {
            "name": "capitalDeposited",
            "type": "u64"
          },
          {
            "name": "surplusWithdrawn",
            "type": "u64"
          },
          {
            "name": "policiesSettled",
            "type": "u64"
          },
          {
            "name": "policiesVoided",
            "type": "u64"
          },
          {
            "name": "policiesCompensated",
            "type": "u64"
          },
          {
            "name": "compensationCredits",
            "docs": [
              "Hashrate credits owed as compensation (minted at once, or deferred and claimed later)."
            ],
            "type": "u64"
          },
          {
            "name": "creditsDeferred",
            "docs": [
              "Compensation credits that could not be minted to the owner's account and wait in",
              "`UserAccount::credits_owed`."
            ],
            "type": "u64"
          },
          {
            "name": "creditsClaimed",
            "type": "u64"
          },
          {
            "name": "rebatesAccrued",
            "type": "u64"
          },
          {
            "name": "rebatesClaimed",
            "type": "u64"
          },
          {
            "name": "liquidationCoversSold",
            "type": "u64"
          },
          {
            "name": "liquidationInsuredCollected",
            "docs": [
              "Insured amounts paid into the vault for liquidation cover."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationRefundsPaid",
            "type": "u64"
          },
          {
            "name": "liquidationClaimsApproved",
            "type": "u64"
          },
          {
            "name": "liquidationClaimsRejected",
            "type": "u64"
          },
          {
            "name": "liquidationCompensationApproved",
            "type": "u64"
          },
          {
            "name": "liquidationVestedPaid",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "position",
      "docs": [
        "A trader's position as reported by the venue. Realized P&L is computed on-chain from the",
        "reported prices so an auditor can recompute it. The account is closed when size reaches 0."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "positionId",
            "docs": [
              "The venue's position id (PDA seed, unique per owner while open)."
            ],
            "type": "u64"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "size",
            "docs": [
              "Open size in base units."
            ],
            "type": "u64"
          },
          {
            "name": "entryPrice",
            "docs": [
              "Size-weighted entry price in the market's price decimals."
            ],
            "type": "u64"
          },
          {
            "name": "margin",
            "docs": [
              "Margin in quote units."
            ],
            "type": "u64"
          },
          {
            "name": "openedAt",
            "docs": [
              "Venue time of the open."
            ],
            "type": "i64"
          },
          {
            "name": "lastEventAt",
            "docs": [
              "Venue time of the latest reported event (reports must not go back in time)."
            ],
            "type": "i64"
          },
          {
            "name": "realizedPnl",
            "docs": [
              "Realized P&L so far, net of closing fees, in quote units."
            ],
            "type": "i128"
          },
          {
            "name": "feesPaid",
            "type": "u64"
          },
          {
            "name": "liquidatedSize",
            "docs": [
              "Size closed by liquidation so far."
            ],
            "type": "u64"
          },
          {
            "name": "policy",
            "docs": [
              "The loss-cover policy this position counts toward, if it was opened inside its window."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "policyEnd",
            "docs": [
              "That policy's `end`: reports about later venue times never need the policy."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "positionIncreased",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "addedSize",
            "type": "u64"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "addedMargin",
            "type": "u64"
          },
          {
            "name": "oldEntryPrice",
            "type": "u64"
          },
          {
            "name": "newEntryPrice",
            "type": "u64"
          },
          {
            "name": "size",
            "type": "u64"
          },
          {
            "name": "eventTime",
            "type": "i64"
          },
          {
            "name": "policy",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "counted",
            "docs": [
              "The change counted toward the policy's exposure."
            ],
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "positionOpened",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "positionId",
            "type": "u64"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "size",
            "type": "u64"
          },
          {
            "name": "entryPrice",
            "type": "u64"
          },
          {
            "name": "margin",
            "type": "u64"
          },
          {
            "name": "openedAt",
            "docs": [
              "Venue time of the open."
            ],
            "type": "i64"
          },
          {
            "name": "reportedAt",
            "type": "i64"
          },
          {
            "name": "policy",
            "docs": [
              "The policy the position counts toward (opened inside its window, reported in time)."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "exposure",
            "docs": [
              "The policy's exposure in this market after the open, when attached."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "voidedPolicy",
            "docs": [
              "The open predates the trader's active policy: the policy was voided."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "openPositions",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "positionReduced",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "kind",
            "type": {
              "defined": {
                "name": "reductionKind"
              }
            }
          },
          {
            "name": "size",
            "type": "u64"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "entryPrice",
            "type": "u64"
          },
          {
            "name": "realizedPnl",
            "docs": [
              "Realized P&L of this fill, net of the fee."
            ],
            "type": "i128"
          },
          {
            "name": "positionRealizedPnl",
            "docs": [
              "The position's realized P&L so far."
            ],
            "type": "i128"
          },
          {
            "name": "remainingSize",
            "type": "u64"
          },
          {
            "name": "closed",
            "docs": [
              "The size reached zero and the account was closed."
            ],
            "type": "bool"
          },
          {
            "name": "eventTime",
            "type": "i64"
          },
          {
            "name": "policy",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "counted",
            "docs": [
              "The fill counted toward the policy (it is active, the fill is inside its window and was",
              "reported before the window's reports closed)."
            ],
            "type": "bool"
          },
          {
            "name": "policyRealizedPnl",
            "type": "i128"
          },
          {
            "name": "openPositions",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "positionValuation",
      "docs": [
        "An early settlement's valuation of the one position it names."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "market",
            "type": "pubkey"
          },
          {
            "name": "side",
            "type": {
              "defined": {
                "name": "side"
              }
            }
          },
          {
            "name": "size",
            "type": "u64"
          },
          {
            "name": "entryPrice",
            "type": "u64"
          },
          {
            "name": "markPrice",
            "type": "u64"
          },
          {
            "name": "markPublishTime",
            "type": "i64"
          },
          {
            "name": "realizedPnl",
            "type": "i128"
          },
          {
            "name": "unrealizedPnl",
            "type": "i128"
          }
        ]
      }
    },
    {
      "name": "premiumTier",
      "docs": [
        "One premium tier, in premium-mint base units. A premium is valid in this tier when",
        "`min <= premium <= max` and `premium % step == 0`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "min",
            "type": "u64"
          },
          {
            "name": "max",
            "type": "u64"
          },
          {
            "name": "step",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "priceObservation",
      "docs": [
        "One recorded mark price. `publish_time == 0` marks an empty slot."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "price",
            "docs": [
              "Price in the market's `price_decimals`."
            ],
            "type": "i64"
          },
          {
            "name": "conf",
            "docs": [
              "Confidence half-width in the same decimals."
            ],
            "type": "u64"
          },
          {
            "name": "publishTime",
            "type": "i64"
          },
          {
            "name": "recordedAt",
            "docs": [
              "When the program recorded it (stamped by `record`): a policy is valued only at prices",
              "recorded before its window closed, so a later change of the recording age cannot add one."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "ratioTier",
      "docs": [
        "One compensation-ratio tier of liquidation cover: applies while the cumulative used amount",
        "(the claim being approved included) is at most `max_used`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxUsed",
            "type": "u64"
          },
          {
            "name": "ratioBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "rebateClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "referralNode",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "credits",
            "type": "u64"
          },
          {
            "name": "totalClaimed",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rebateShare",
      "docs": [
        "One upline's rebate on a compensation."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "referralNode",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "level",
            "type": "u8"
          },
          {
            "name": "rateBps",
            "type": "u16"
          },
          {
            "name": "rebate",
            "type": "u64"
          },
          {
            "name": "bonus",
            "docs": [
              "Direct-referrer bonus (first upline only)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "reductionKind",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "close"
          },
          {
            "name": "liquidation"
          }
        ]
      }
    },
    {
      "name": "referralNode",
      "docs": [
        "A node of the referral tree. The referrer is set at registration and never changes, and it",
        "must already exist, so the tree is acyclic by construction."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "parent",
            "docs": [
              "The referrer's referral node address (the next upline in every walk; the referrer's",
              "wallet is that node's owner)."
            ],
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "depth",
            "docs": [
              "Number of ancestors."
            ],
            "type": "u32"
          },
          {
            "name": "assignedLevel",
            "docs": [
              "Level assigned by the admin; the effective level is never below it."
            ],
            "type": "u8"
          },
          {
            "name": "level",
            "docs": [
              "Effective level as last computed (max of assigned and volume level)."
            ],
            "type": "u8"
          },
          {
            "name": "directReferrals",
            "type": "u32"
          },
          {
            "name": "teamVolume",
            "docs": [
              "Premiums bought by descendants within the pool's max depth."
            ],
            "type": "u64"
          },
          {
            "name": "commissionEarned",
            "type": "u64"
          },
          {
            "name": "commissionClaimed",
            "type": "u64"
          },
          {
            "name": "rebateEarned",
            "docs": [
              "Compensation rebates (and direct-referrer bonuses) in hashrate credits."
            ],
            "type": "u64"
          },
          {
            "name": "rebateClaimed",
            "type": "u64"
          },
          {
            "name": "createdAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "refundClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "rewardsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "miner",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "claimedTotal",
            "type": "u64"
          },
          {
            "name": "poolClaimed",
            "type": "u64"
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          }
        ]
      }
    },
    {
      "name": "rewardsFunded",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "settledEmission",
            "type": "u64"
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          },
          {
            "name": "rewardVaultBalance",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rewardsWithdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "settledEmission",
            "type": "u64"
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          },
          {
            "name": "rewardVaultBalance",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rolesUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "oldRoles",
            "type": {
              "defined": {
                "name": "poolRoles"
              }
            }
          },
          {
            "name": "newRoles",
            "type": {
              "defined": {
                "name": "poolRoles"
              }
            }
          }
        ]
      }
    },
    {
      "name": "settlementKind",
      "docs": [
        "How a policy left the Active state."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "none"
          },
          {
            "name": "atExpiry"
          },
          {
            "name": "early"
          },
          {
            "name": "voided"
          }
        ]
      }
    },
    {
      "name": "side",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "long"
          },
          {
            "name": "short"
          }
        ]
      }
    },
    {
      "name": "solvency",
      "docs": [
        "The vault against what is owed, as of the last instruction that moved money or promises.",
        "Tokens sent to the vault directly show up at the next such instruction."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "vaultBalance",
            "type": "u64"
          },
          {
            "name": "freeCapital",
            "docs": [
              "`vault_balance − Σ liabilities`: what can back new liquidation covers or be withdrawn."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "staked",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "miner",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "staked",
            "type": "u64"
          },
          {
            "name": "pending",
            "type": "u64"
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          }
        ]
      }
    },
    {
      "name": "surplusWithdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    },
    {
      "name": "unstaked",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "miningPool",
            "type": "pubkey"
          },
          {
            "name": "miner",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "staked",
            "type": "u64"
          },
          {
            "name": "pending",
            "type": "u64"
          },
          {
            "name": "accumulator",
            "type": {
              "defined": {
                "name": "accumulator"
              }
            }
          }
        ]
      }
    },
    {
      "name": "userAccount",
      "docs": [
        "A registered trader's trading state in one pool."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "registeredAt",
            "type": "i64"
          },
          {
            "name": "openPositions",
            "docs": [
              "Positions with size > 0, as tracked by the reporter."
            ],
            "type": "u32"
          },
          {
            "name": "policyCount",
            "docs": [
              "Policies bought so far; the next policy's PDA uses this index."
            ],
            "type": "u64"
          },
          {
            "name": "activePolicyIndex",
            "docs": [
              "Index of the Active or Compensating policy, if any (its PDA is `policy`, pool, owner,",
              "index; the referral node is `referral`, pool, owner: neither address is stored)."
            ],
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "totalPremiumPaid",
            "type": "u64"
          },
          {
            "name": "totalCompensationCredits",
            "docs": [
              "Hashrate credits received as loss-cover compensation."
            ],
            "type": "u64"
          },
          {
            "name": "creditsOwed",
            "docs": [
              "Compensation credits that could not be minted to the owner's credit account (e.g. its",
              "owner was reassigned); `claim_credits` mints them to any account the owner names."
            ],
            "type": "u64"
          },
          {
            "name": "isLeadTrader",
            "docs": [
              "Lead (elite) traders cannot buy liquidation cover."
            ],
            "type": "bool"
          },
          {
            "name": "liquidationCoverCount",
            "docs": [
              "Liquidation covers bought so far; the next cover's PDA uses this index."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationDay",
            "docs": [
              "Local day (at the pool's UTC offset) of `liquidation_day_total`."
            ],
            "type": "i64"
          },
          {
            "name": "liquidationDayTotal",
            "docs": [
              "Insured amount bought on `liquidation_day`."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationCumulative",
            "docs": [
              "Insured amount bought in total (the cumulative quota)."
            ],
            "type": "u64"
          },
          {
            "name": "liquidationUsed",
            "docs": [
              "Insured amount of approved claims (selects the compensation ratio tier)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "userRegistered",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "user",
            "type": "pubkey"
          },
          {
            "name": "referralNode",
            "type": "pubkey"
          },
          {
            "name": "referrer",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "depth",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "validatedPrice",
      "docs": [
        "A guarded mark price in the market's `price_decimals`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "conf",
            "docs": [
              "Confidence half-width, rounded up."
            ],
            "type": "u64"
          },
          {
            "name": "publishTime",
            "type": "i64"
          },
          {
            "name": "priceDecimals",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "vestedClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "cover",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "destination",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "tranchesVested",
            "type": "u16"
          },
          {
            "name": "vestingDays",
            "type": "u16"
          },
          {
            "name": "claimedTotal",
            "type": "u64"
          },
          {
            "name": "compensation",
            "type": "u64"
          },
          {
            "name": "books",
            "type": {
              "defined": {
                "name": "poolBooks"
              }
            }
          }
        ]
      }
    }
  ],
  "constants": [
    {
      "name": "creditMintSeed",
      "type": "bytes",
      "value": "[99, 114, 101, 100, 105, 116, 95, 109, 105, 110, 116]"
    },
    {
      "name": "exposureSeed",
      "type": "bytes",
      "value": "[101, 120, 112, 111, 115, 117, 114, 101]"
    },
    {
      "name": "liquidationCoverSeed",
      "type": "bytes",
      "value": "[108, 105, 113, 117, 105, 100, 97, 116, 105, 111, 110, 95, 99, 111, 118, 101, 114]"
    },
    {
      "name": "marketSeed",
      "type": "bytes",
      "value": "[109, 97, 114, 107, 101, 116]"
    },
    {
      "name": "markPriceSeed",
      "type": "bytes",
      "value": "[109, 97, 114, 107, 95, 112, 114, 105, 99, 101]"
    },
    {
      "name": "minerSeed",
      "type": "bytes",
      "value": "[109, 105, 110, 101, 114]"
    },
    {
      "name": "miningPoolSeed",
      "type": "bytes",
      "value": "[109, 105, 110, 105, 110, 103, 95, 112, 111, 111, 108]"
    },
    {
      "name": "policyExposureSeed",
      "type": "bytes",
      "value": "[112, 111, 108, 105, 99, 121, 95, 101, 120, 112, 111, 115, 117, 114, 101]"
    },
    {
      "name": "policySeed",
      "type": "bytes",
      "value": "[112, 111, 108, 105, 99, 121]"
    },
    {
      "name": "poolSeed",
      "type": "bytes",
      "value": "[112, 111, 111, 108]"
    },
    {
      "name": "positionSeed",
      "type": "bytes",
      "value": "[112, 111, 115, 105, 116, 105, 111, 110]"
    },
    {
      "name": "referralSeed",
      "type": "bytes",
      "value": "[114, 101, 102, 101, 114, 114, 97, 108]"
    },
    {
      "name": "rewardVaultSeed",
      "type": "bytes",
      "value": "[114, 101, 119, 97, 114, 100, 95, 118, 97, 117, 108, 116]"
    },
    {
      "name": "stakeVaultSeed",
      "type": "bytes",
      "value": "[115, 116, 97, 107, 101, 95, 118, 97, 117, 108, 116]"
    },
    {
      "name": "userSeed",
      "type": "bytes",
      "value": "[117, 115, 101, 114]"
    }
  ]
};
