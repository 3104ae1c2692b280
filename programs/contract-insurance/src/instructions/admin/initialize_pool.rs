use anchor_lang::prelude::*;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_spl::associated_token::{self, get_associated_token_address_with_program_id, AssociatedToken};
use anchor_spl::token_interface::{self, InitializeMint2, Mint, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::PoolInitialized;
use crate::instructions::admin::pool_creator::{check_pool_creator, Deployment, BUILD_POOL_CREATOR};
use crate::math::levels::validate_levels;
use crate::state::*;
use crate::utils::accounts::{create_pda_account, init_program_account};
use crate::utils::token::{check_mint_supported, token_account_usable};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct InitializePoolArgs {
    pub roles: PoolRoles,
    pub config: PoolConfig,
    pub levels: Vec<Level>,
}

#[event_cpi]
#[derive(Accounts)]
pub struct InitializePool<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump)]
    pub pool: UncheckedAccount<'info>,
    /// CHECK: created by the handler as the hashrate-credit mint; the address is fixed by the seeds.
    #[account(mut, seeds = [CREDIT_MINT_SEED, pool.key().as_ref()], bump)]
    pub credit_mint: UncheckedAccount<'info>,
    /// CHECK: the pool PDA's associated token account: created by the associated token program,
    /// or accepted as it is when someone created it first (it can only belong to the pool).
    #[account(
        mut,
        address = get_associated_token_address_with_program_id(&pool.key(), &premium_mint.key(), &token_program.key())
            @ CipError::TokenAccountMismatch
    )]
    pub vault: UncheckedAccount<'info>,
    /// When the program is deployed with the upgradeable loader, its program-data account: the
    /// upgrade authority must be the admin, so nobody can squat a mint's pool (see
    /// `pool_creator` for every loader).
    /// CHECK: address and contents checked by `check_pool_creator`.
    pub program_data: Option<UncheckedAccount<'info>>,
    pub token_program: Interface<'info, TokenInterface>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl InitializePool<'_> {
    pub fn validate(&self, args: &InitializePoolArgs) -> Result<()> {
        self.check_pool_creator()?;
        args.roles.validate(&self.admin.key())?;
        args.config.validate()?;
        validate_levels(&args.levels)?;
        require_keys_eq!(
            *self.premium_mint.to_account_info().owner,
            self.token_program.key(),
            CipError::TokenProgramMismatch
        );
        check_mint_supported(&self.premium_mint.to_account_info())
    }

    /// A pool is one per premium mint, so creating one is reserved to the program's deployer.
    /// The `program` account is checked to be this program here: the event self-CPI does not
    /// need it, so nothing else would stop a caller from passing a look-alike.
    fn check_pool_creator(&self) -> Result<()> {
        let program = self.program.to_account_info();
        require_keys_eq!(program.key(), crate::ID, CipError::ProgramAccountMismatch);
        let program_bytes = program.try_borrow_data()?;
        let program_data = self.program_data.as_ref().map(|info| info.to_account_info());
        let program_data_bytes = match program_data.as_ref() {
            Some(info) => Some((info.key(), info.try_borrow_data()?)),
            None => None,
        };
        let deployment = Deployment {
            program_owner: program.owner,
            program_data: &program_bytes,
            upgradeable_program_data: program_data_bytes.as_ref().map(|(key, data)| (*key, &data[..])),
        };
        check_pool_creator(&crate::ID, &self.admin.key(), &deployment, BUILD_POOL_CREATOR)
    }

    pub fn handler(ctx: Context<Self>, args: InitializePoolArgs) -> Result<()> {
        let accounts = &ctx.accounts;
        let premium_mint_key = accounts.premium_mint.key();
        let pool_key = accounts.pool.key();
        let pool_bump = ctx.bumps.pool;
        let credit_mint_bump = ctx.bumps.credit_mint;
        let decimals = accounts.premium_mint.decimals;

        // Hashrate-credit mint: same token program and decimals as the premium, pool PDA authority.
        create_pda_account(
            &accounts.admin.to_account_info(),
            &accounts.credit_mint.to_account_info(),
            &accounts.system_program.to_account_info(),
            &accounts.token_program.key(),
            anchor_spl::token::spl_token::state::Mint::LEN,
            &[CREDIT_MINT_SEED, pool_key.as_ref(), &[credit_mint_bump]],
        )?;
        token_interface::initialize_mint2(
            CpiContext::new(
                accounts.token_program.key(),
                InitializeMint2 { mint: accounts.credit_mint.to_account_info() },
            ),
            decimals,
            &pool_key,
            None,
        )?;

        // Vault: the pool PDA's associated token account (the ATA program handles prefunding).
        // Anyone can create an ATA for any owner, so an existing one is accepted: only the pool
        // PDA can ever move its tokens, and tokens already in it count as capital.
        let vault_info = accounts.vault.to_account_info();
        if vault_info.data_is_empty() {
            associated_token::create(CpiContext::new(
                accounts.associated_token_program.key(),
                associated_token::Create {
                    payer: accounts.admin.to_account_info(),
                    associated_token: vault_info.clone(),
                    authority: accounts.pool.to_account_info(),
                    mint: accounts.premium_mint.to_account_info(),
                    system_program: accounts.system_program.to_account_info(),
                    token_program: accounts.token_program.to_account_info(),
                },
            ))?;
        }
        require!(
            vault_info.owner == &accounts.token_program.key()
                && token_account_usable(&vault_info, &pool_key, &premium_mint_key)?,
            CipError::VaultAccountInvalid
        );
        let vault_balance = anchor_spl::token_interface::TokenAccount::try_deserialize(
            &mut &vault_info.try_borrow_data()?[..],
        )?
        .amount;

        let pool = Pool {
            version: ACCOUNT_VERSION,
            bump: pool_bump,
            credit_mint_bump,
            paused: false,
            admin: accounts.admin.key(),
            pending_admin: None,
            roles: args.roles,
            premium_mint: premium_mint_key,
            premium_decimals: decimals,
            token_program: accounts.token_program.key(),
            vault: accounts.vault.key(),
            credit_mint: accounts.credit_mint.key(),
            config: args.config,
            levels: args.levels,
            liabilities: Liabilities::default(),
            solvency: Solvency { vault_balance, free_capital: vault_balance },
            totals: PoolTotals::default(),
        };
        init_program_account(
            &accounts.admin.to_account_info(),
            &accounts.pool.to_account_info(),
            &accounts.system_program.to_account_info(),
            &[POOL_SEED, premium_mint_key.as_ref(), &[pool_bump]],
            &pool,
        )?;

        emit_cpi!(PoolInitialized {
            pool: pool_key,
            admin: pool.admin,
            premium_mint: premium_mint_key,
            token_program: pool.token_program,
            vault: pool.vault,
            credit_mint: pool.credit_mint,
            roles: pool.roles,
            config: pool.config,
            levels: pool.levels,
            vault_balance,
        });
        Ok(())
    }
}
